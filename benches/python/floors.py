"""What an HS256 decode through any native package costs before it verifies anything: the
bench's call with its arguments, and CPython building the claims dict. Beside them, jwt_core's
whole decode and PyJWT's, timed the same way (each the median of 9 batches, the bench's
call wrapper included), so that a target such as "30x PyJWT" reads as a budget in ns.

    python benches/python/floors.py

The HMAC-SHA256 of the token in Rust, the third fixed cost, is the Rust floor in
benches/RESULTS.md (`HMAC-SHA256 of the signing input`).
"""

from __future__ import annotations

import base64
import gc
import json
import statistics
import time
from typing import Any, Callable

import bench
import jwt_core


def per_call(call: Callable[[], Any], n: int) -> float:
    """The median over 9 batches of `n` calls of the time per call, in ns."""
    times = []
    for _ in range(9):
        start = time.perf_counter_ns()
        for _ in range(n):
            call()
        times.append((time.perf_counter_ns() - start) / n)
    return statistics.median(times)


def main() -> None:
    cases = bench.cases()
    token = jwt_core.encode(bench.CLAIMS, bench.SECRET, algorithm="HS256")
    payload = base64.urlsafe_b64decode(token.split(".")[1] + "==").decode()
    scan = json.JSONDecoder().scan_once
    format_nothing = "".format
    alg, key = "HS256", bench.SECRET

    rows = [
        ("jwt_core.decode, HS256 (the bench's call)", cases[("jwt_core", alg, "verify")], 200_000),
        ("PyJWT decode, HS256 (the bench's call)", cases[("PyJWT", alg, "verify")], 20_000),
        ("the same arguments to a C method that does nothing (a tuple and a kwargs dict, as "
         "abi3-py39 extensions take them)",
         lambda: format_nothing(token, key, algorithms=[alg], audience=bench.AUDIENCE,
                                issuer=bench.ISSUER), 200_000),
        ("CPython's C JSON scanner building the claims dict from the payload text",
         lambda: scan(payload, 0), 200_000),
        ("an empty call (the wrapper alone)", lambda: None, 200_000),
    ]
    gc.disable()
    try:
        for name, call, n in rows:
            print(f"{per_call(call, n):10.1f} ns  {name}")
    finally:
        gc.enable()


if __name__ == "__main__":
    main()
