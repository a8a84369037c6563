"""jwt_core beside PyJWT (with cryptography) and pyjwt-rs, on the keys and claims of the Rust
benches (benches/src/lib.rs): sign, and verify+validate (signature, exp, iss, aud), for HS256,
RS256 and EdDSA.

Every library verifies the same token, signed by jwt_core. Each library gets the key form its
fastest documented path takes: jwt_core and pyjwt-rs the PEM text or secret bytes (each parses
them once and caches), PyJWT `cryptography` key objects loaded once (PyJWT would parse PEM text
again on every call). Measurements alternate: every round times one batch of each case in a
rotating order, so a drift in the machine's speed touches every library alike; a case's result
is the median over the rounds of its batches' time per call, and each ratio is the median of
the rounds' ratios (the two batches of a round ran back to back).

    python benches/python/bench.py --out target/bench-results/python.json [--rounds 30]
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import jwt as pyjwt
import jwt_core
import jwt_rs
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

ROOT = Path(__file__).resolve().parents[2]
KEYS = ROOT / "jwt-core" / "tests" / "keys"

ISSUER = "https://auth.example.com"
AUDIENCE = "https://api.example.com"
CLAIMS = {
    "sub": "user_8f14e45fceea167a",
    "name": "Ada Lovelace",
    "iss": ISSUER,
    "aud": AUDIENCE,
    "role": "admin",
    "iat": 1_767_225_600,
    "exp": 4_102_444_800,
}
SECRET = b"bench-secret-0123456789abcdefghi"
ALGS = ("HS256", "RS256", "EdDSA")
LIBRARIES = ("jwt_core", "PyJWT", "pyjwt-rs")

#: The targets of the issue: (alg, operation, peer, at least this many times as fast).
TARGETS = [
    ("HS256", "verify", "PyJWT", 30.0),
    ("HS256", "verify", "pyjwt-rs", 5.0),
    ("EdDSA", "verify", "PyJWT", 4.0),
    ("RS256", "verify", "PyJWT", 2.0),
    ("HS256", "sign", "PyJWT", 10.0),
]


def keys() -> Dict[str, Dict[str, Tuple[Any, Any]]]:
    """Per library and algorithm: (signing key, verifying key)."""
    pem = {name: (KEYS / name).read_text() for name in (
        "rsa2048-private-pkcs8.pem", "rsa2048-public-spki.pem",
        "ed25519-private-pkcs8.pem", "ed25519-public-spki.pem")}
    text = {
        "HS256": (SECRET, SECRET),
        "RS256": (pem["rsa2048-private-pkcs8.pem"], pem["rsa2048-public-spki.pem"]),
        "EdDSA": (pem["ed25519-private-pkcs8.pem"], pem["ed25519-public-spki.pem"]),
    }
    objects = {
        "HS256": (SECRET, SECRET),
        "RS256": (load_pem_private_key(text["RS256"][0].encode(), None),
                  load_pem_public_key(text["RS256"][1].encode())),
        "EdDSA": (load_pem_private_key(text["EdDSA"][0].encode(), None),
                  load_pem_public_key(text["EdDSA"][1].encode())),
    }
    return {"jwt_core": text, "pyjwt-rs": text, "PyJWT": objects}


def cases() -> Dict[Tuple[str, str, str], Callable[[], Any]]:
    """Every (library, alg, operation) as a call of no arguments."""
    modules = {"jwt_core": jwt_core, "PyJWT": pyjwt, "pyjwt-rs": jwt_rs}
    all_keys = keys()
    found = {}
    for alg in ALGS:
        token = jwt_core.encode(CLAIMS, all_keys["jwt_core"][alg][0], algorithm=alg)
        for library, module in modules.items():
            signing, verifying = all_keys[library][alg]
            claims = module.decode(token, verifying, algorithms=[alg], audience=AUDIENCE, issuer=ISSUER)
            assert claims == CLAIMS, (library, alg, claims)
            signed = module.encode(CLAIMS, signing, algorithm=alg)
            assert jwt_core.decode(signed, all_keys["jwt_core"][alg][1], algorithms=[alg],
                                   audience=AUDIENCE, issuer=ISSUER) == CLAIMS

            def verify(module=module, verifying=verifying, alg=alg, token=token):
                return module.decode(token, verifying, algorithms=[alg], audience=AUDIENCE, issuer=ISSUER)

            def sign(module=module, signing=signing, alg=alg):
                return module.encode(CLAIMS, signing, algorithm=alg)

            found[(library, alg, "verify")] = verify
            found[(library, alg, "sign")] = sign
    return found


def batch_size(call: Callable[[], Any], seconds: float) -> int:
    """How many calls take about `seconds`."""
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            call()
        if time.perf_counter() - start >= seconds / 4:
            return max(1, int(n * seconds / (time.perf_counter() - start)))
        n *= 2


def run(rounds: int, seconds: float) -> Dict[Tuple[str, str, str], List[float]]:
    """Per case, its time per call (ns) in each round."""
    found = cases()
    order = list(found)
    sizes = {case: batch_size(found[case], seconds) for case in order}
    times: Dict[Tuple[str, str, str], List[float]] = {case: [] for case in order}
    gc.disable()
    try:
        for round_ in range(rounds):
            shift = round_ % len(order)
            for case in order[shift:] + order[:shift]:
                call, n = found[case], sizes[case]
                start = time.perf_counter_ns()
                for _ in range(n):
                    call()
                times[case].append((time.perf_counter_ns() - start) / n)
            gc.collect()
    finally:
        gc.enable()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--batch-seconds", type=float, default=0.02)
    args = parser.parse_args()
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    times = run(args.rounds, args.batch_seconds)
    load_after = Path("/proc/loadavg").read_text().split()[:3]
    rows = [
        {"library": library, "alg": alg, "operation": op, "median_ns": statistics.median(samples)}
        for (library, alg, op), samples in sorted(times.items())
    ]
    targets = []
    for alg, op, peer, wanted in TARGETS:
        ratios = [p / o for o, p in zip(times[("jwt_core", alg, op)], times[(peer, alg, op)])]
        ratio = statistics.median(ratios)
        targets.append({"alg": alg, "operation": op, "peer": peer, "target": wanted,
                        "ratio": ratio, "met": ratio >= wanted})
        print(f"{alg} {op}: jwt_core {ratio:6.2f}x as fast as {peer} (target {wanted:g}x): "
              f"{'met' if ratio >= wanted else 'NOT met'}")
    for row in rows:
        print(f"{row['library']:>9} {row['alg']:>6} {row['operation']:>6} {row['median_ns'] / 1000:9.2f} us")
    result = {
        "language": "Python",
        "runtime": f"{platform.python_implementation()} {platform.python_version()}",
        "ours": "jwt_core",
        "rows": rows,
        "targets": targets,
        "rounds": args.rounds,
        "load": {"before": load_before, "after": load_after},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
