"""Bad input of every kind raises a documented exception; nothing crashes or leaks."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

import jwt_core as jwt

SECRET = b"0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize("token", [None, 5, 1.5, ["a"], {"a": 1}, object()])
def test_tokens_of_the_wrong_type(token: object) -> None:
    with pytest.raises(jwt.DecodeError) as raised:
        jwt.decode(token, SECRET, algorithms=["HS256"])  # type: ignore[arg-type]
    assert raised.value.code == "MalformedToken"


@pytest.mark.parametrize(
    "token",
    [b"\xff\xfe.\x00.\x80", "", ".", "..", "a.b.c", "e30.e30.", "é.é.é", "\x00" * 100, "a" * 100_000],
)
def test_malformed_tokens(token: object) -> None:
    with pytest.raises(jwt.InvalidTokenError) as raised:
        jwt.decode(token, SECRET, algorithms=["HS256"])  # type: ignore[arg-type]
    assert raised.value.code in ("MalformedToken", "TokenTooLarge", "InvalidAlgorithm")


@pytest.mark.parametrize("segment", [0, 1, 2])
@pytest.mark.parametrize("byte", [0x80, 0xC3, 0xFF])
def test_bytes_tokens_with_a_byte_outside_ascii(segment: int, byte: int) -> None:
    token = jwt.encode({"sub": "u1", "exp": 4_102_444_800}, SECRET).encode()
    assert jwt.decode(token, SECRET, algorithms=["HS256"])["sub"] == "u1"
    start = sum(len(part) + 1 for part in token.split(b".")[:segment])
    changed = bytearray(token)
    changed[start] = byte
    with pytest.raises(jwt.DecodeError) as raised:
        jwt.decode(bytes(changed), SECRET, algorithms=["HS256"])
    assert raised.value.code == "MalformedToken"
    assert "base64url" in str(raised.value)


@pytest.mark.parametrize("key", [None, 5, 1.5, ["x"], object(), b"", ""])
def test_keys_of_the_wrong_type_or_empty(key: object) -> None:
    token = jwt.encode({}, SECRET)
    with pytest.raises((TypeError, jwt.InvalidKeyError)):
        jwt.decode(token, key, algorithms=["HS256"])  # type: ignore[arg-type]


@pytest.mark.parametrize("algorithms", [5, [5], [None], object()])
def test_algorithms_of_the_wrong_type(algorithms: object) -> None:
    with pytest.raises(TypeError):
        jwt.decode(jwt.encode({}, SECRET), SECRET, algorithms=algorithms)  # type: ignore[arg-type]


@pytest.mark.parametrize("audience", [5, [5], object()])
def test_audiences_of_the_wrong_type(audience: object) -> None:
    with pytest.raises(TypeError):
        jwt.decode(jwt.encode({}, SECRET), SECRET, algorithms=["HS256"], audience=audience)  # type: ignore[arg-type]


def test_huge_integers() -> None:
    with pytest.raises(ValueError, match="64 bits"):
        jwt.encode({"n": 2**70}, SECRET)
    # A number beyond 64 bits in a token reads as the nearest float, as serde_json reads it.
    token = jwt.api_jws.encode(b'{"n":123456789012345678901234567890}', SECRET)
    assert jwt.decode(token, SECRET, algorithms=["HS256"]) == {"n": 1.2345678901234568e29}
    big_exp = jwt.api_jws.encode(b'{"exp":1e400}', SECRET)
    with pytest.raises(jwt.DecodeError):
        jwt.decode(big_exp, SECRET, algorithms=["HS256"])


def test_non_finite_floats_are_refused() -> None:
    for value in (float("nan"), float("inf")):
        with pytest.raises(ValueError, match="JSON compliant"):
            jwt.encode({"x": value}, SECRET)


def test_cyclic_payloads() -> None:
    cyclic: dict = {}
    cyclic["self"] = cyclic
    with pytest.raises(ValueError, match="Circular"):
        jwt.encode(cyclic, SECRET)
    listed: list = []
    listed.append(listed)
    with pytest.raises(ValueError, match="Circular"):
        jwt.encode({"l": listed}, SECRET)


def test_non_string_keys_as_json_writes_them() -> None:
    token = jwt.encode({1: "a", False: "b", None: "c", 2.5: "d"}, SECRET)  # type: ignore[dict-item]
    assert jwt.decode(token, SECRET, algorithms=["HS256"]) == {"1": "a", "false": "b", "null": "c", "2.5": "d"}
    with pytest.raises(TypeError, match="keys must be"):
        jwt.encode({(1, 2): "a"}, SECRET)  # type: ignore[dict-item]


def test_deep_nesting_is_refused_not_overflowed() -> None:
    deep: list = []
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(ValueError):
        jwt.encode({"d": deep}, SECRET)
    payload = b'{"d":' + b"[" * 5000 + b"]" * 5000 + b"}"
    token = jwt.api_jws.encode(payload, SECRET)
    with pytest.raises(jwt.DecodeError):
        jwt.decode(token, SECRET, algorithms=["HS256"], options={"max_token_bytes": 100_000})


def rss_kib() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4


def test_a_million_decodes_keep_memory_flat() -> None:
    """500,000 good and 500,000 refused decodes, in rounds: the resident size after the
    second round does not grow by more than 2 MiB over the rest."""
    good = jwt.encode({"sub": "u", "exp": 4102444800, "aud": "api"}, SECRET)
    bad = [
        good[:-2] + "AA",
        good.replace(".", "", 1),
        jwt.encode({"exp": 1}, SECRET),
        jwt.encode({"aud": "other"}, SECRET),
        b"\xff" * 40,
    ]
    decode = jwt.decode
    sizes = []
    for _ in range(10):
        for _ in range(50_000):
            decode(good, SECRET, algorithms=["HS256"], audience="api")
        for index in range(50_000):
            try:
                decode(bad[index % len(bad)], SECRET, algorithms=["HS256"], audience="api")
            except jwt.PyJWTError:
                pass
        gc.collect()
        sizes.append(rss_kib())
    assert sizes[-1] - sizes[1] < 2048, sizes


def test_keys_and_functions_are_shared_across_threads() -> None:
    rsa_private = (Path(__file__).parents[2] / "jwt-core/tests/keys/rsa2048-private-pkcs8.pem").read_text()
    rsa_public = (Path(__file__).parents[2] / "jwt-core/tests/keys/rsa2048-public-spki.pem").read_text()
    tokens = [jwt.encode({"n": n}, rsa_private, algorithm="RS256") for n in range(8)]
    failures = []

    def work() -> None:
        for n, token in enumerate(tokens * 5):
            if jwt.decode(token, rsa_public, algorithms=["RS256"]) != {"n": n % 8}:
                failures.append(n)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_the_gil_is_released_around_rsa() -> None:
    """The main thread runs while another is inside RSA signings: with a 10 s switch
    interval, only the binding's own release of the GIL lets it run before the signings
    return (twenty of them, so that a loaded machine still schedules the main thread in one)."""
    import sys

    rsa_private = (Path(__file__).parents[2] / "jwt-core/tests/keys/rsa2048-private-pkcs8.pem").read_text()
    jwt.encode({}, rsa_private, algorithm="RS256")  # parse the key once, outside the test
    started = threading.Event()
    finished = []

    def sign() -> None:
        started.set()
        for n in range(20):
            jwt.encode({"n": n}, rsa_private, algorithm="RS256")
        finished.append(True)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(10.0)
    try:
        worker = threading.Thread(target=sign)
        worker.start()
        started.wait()
        ran_during_signing = not finished
        worker.join()
    finally:
        sys.setswitchinterval(interval)
    assert ran_during_signing
