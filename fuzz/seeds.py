#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/ (git-ignored).

Seeds come from the vectors the test suites already use, never copied into the repository:

- ../shared/vectors/: the RFC examples (rfc/), the example case file and the Wycheproof key
  material (wycheproof/, group-level keys only);
- jwt-core/tests/cases/*.json: every case file, whatever its name (tokens; PEM, JWK and JWK
  Set keys; HMAC secrets as `oct` JWKs);
- jwt-core/tests/keys/*.pem: the test keys as PEM text and as DER, plus their JWKs when the
  `cryptography` package is installed (optional).

The token targets get the tokens; `claims_json` gets their payloads, decoded.

Every JSON document is walked whole, so new case files and new key forms are picked up
without changes here. A seed's file name is the SHA-1 of its content, as libFuzzer names
corpus entries, so running this twice adds nothing; entries libFuzzer added are left alone.

Usage: python3 fuzz/seeds.py [--out DIR]
"""

import argparse
import base64
import binascii
import glob
import hashlib
import json
import os
import random
import re
import sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "vectors"))

TOKEN = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_=+/-]*$")
PEM = re.compile(r"-----BEGIN ([A-Z ]+)-----(.*?)-----END \1-----", re.S)

TOKEN_TARGETS = ["decode_unverified", "verify_hs256", "verify_rs256", "verify_ps256",
                 "verify_es256", "verify_eddsa"]
STRUCTURED_TARGETS = ["verify_structured", "roundtrip"]


class Seeds:
    def __init__(self):
        self.tokens = set()
        self.jwks = []  # JWK objects, deduplicated by their canonical JSON
        self.jwk_texts = set()
        self.jwks_texts = set()
        self.key_bytes = set()  # PEM text, DER, raw Ed25519 keys

    def add_jwk(self, jwk):
        text = json.dumps(jwk, sort_keys=True)
        if text not in self.jwk_texts:
            self.jwk_texts.add(text)
            self.jwks.append(jwk)

    def add_pem(self, text):
        self.key_bytes.add(text.encode())
        for match in PEM.finditer(text):
            body = "".join(match.group(2).split())
            try:
                self.key_bytes.add(base64.b64decode(body, validate=True))
            except binascii.Error:
                pass

    def add_b64u(self, text):
        try:
            self.key_bytes.add(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        except (binascii.Error, ValueError):
            pass

    def add_b64u_pair(self, first, second):
        try:
            self.key_bytes.add(b"".join(
                base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)) for text in (first, second)
            ))
        except (binascii.Error, ValueError):
            pass

    def walk(self, value, name=""):
        """Collects every token, key and key set found anywhere in a JSON document."""
        if isinstance(value, dict):
            if isinstance(value.get("kty"), str):
                self.add_jwk(value)
                for member in ("x", "d"):  # raw Ed25519 keys and EC scalars
                    if value.get("kty") in ("OKP", "EC") and isinstance(value.get(member), str):
                        self.add_b64u(value[member])
                if value.get("kty") == "EC" and all(
                    isinstance(value.get(member), str) for member in ("x", "y")
                ):  # raw EC coordinates, x || y
                    self.add_b64u_pair(value["x"], value["y"])
            if isinstance(value.get("keys"), list):
                self.jwks_texts.add(json.dumps(value))
            for key in ("secret_b64u", "secret_utf8"):
                if isinstance(value.get(key), str):
                    secret = value[key]
                    if key == "secret_utf8":
                        secret = base64.urlsafe_b64encode(secret.encode()).decode().rstrip("=")
                    self.add_jwk({"kty": "oct", "k": secret})
            for member, item in value.items():
                if member != "tests":  # Wycheproof: messages and signatures, not keys
                    self.walk(item, member)
        elif isinstance(value, list):
            for item in value:
                self.walk(item, name)
        elif isinstance(value, str):
            if "-----BEGIN" in value:
                self.add_pem(value)
            elif name in ("token", "compact") or (TOKEN.match(value) and len(value) > 8):
                self.tokens.add(value)
            elif name.endswith(("Der", "Asn")) and re.fullmatch(r"(?:[0-9a-fA-F]{2})+", value):
                self.key_bytes.add(bytes.fromhex(value))

    def add_test_keys(self, folder):
        try:
            from cryptography.hazmat.primitives import serialization  # noqa: F401
        except ImportError:
            serialization = None
            print("seeds: `cryptography` not installed, test keys only as PEM and DER")
        for path in sorted(glob.glob(os.path.join(folder, "*.pem"))):
            with open(path) as file:
                text = file.read()
            self.add_pem(text)
            if serialization is not None:
                for jwk in pem_to_jwks(text):
                    self.add_jwk(jwk)


def pem_to_jwks(text):
    """The JWKs of a test key (public, and private when it is one), or none."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    def b64u_int(number):
        return b64u(number.to_bytes((number.bit_length() + 7) // 8 or 1, "big"))

    data = text.encode()
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        try:
            key = serialization.load_pem_public_key(data)
        except (ValueError, TypeError):
            return []
    jwks = []
    if isinstance(key, rsa.RSAPrivateKey):
        numbers = key.private_numbers()
        public = numbers.public_numbers
        jwk = {"kty": "RSA", "n": b64u_int(public.n), "e": b64u_int(public.e)}
        jwks.append(dict(jwk))
        jwk.update(
            d=b64u_int(numbers.d),
            p=b64u_int(numbers.p),
            q=b64u_int(numbers.q),
            dp=b64u_int(numbers.dmp1),
            dq=b64u_int(numbers.dmq1),
            qi=b64u_int(numbers.iqmp),
        )
        jwks.append(jwk)
    elif isinstance(key, rsa.RSAPublicKey):
        public = key.public_numbers()
        jwks.append({"kty": "RSA", "n": b64u_int(public.n), "e": b64u_int(public.e)})
    elif isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        public = key if isinstance(key, ec.EllipticCurvePublicKey) else key.public_key()
        width = (public.curve.key_size + 7) // 8
        names = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}
        numbers = public.public_numbers()
        jwk = {"kty": "EC", "crv": names.get(public.curve.name, public.curve.name),
               "x": b64u(numbers.x.to_bytes(width, "big")),
               "y": b64u(numbers.y.to_bytes(width, "big"))}
        jwks.append(dict(jwk))
        if isinstance(key, ec.EllipticCurvePrivateKey):
            d = key.private_numbers().private_value.to_bytes(width, "big")
            jwks.append(dict(jwk, d=b64u(d)))
    elif isinstance(key, (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey)):
        public = key if isinstance(key, ed25519.Ed25519PublicKey) else key.public_key()
        raw = serialization.Encoding.Raw
        jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64u(public.public_bytes(raw, serialization.PublicFormat.Raw))}
        jwks.append(dict(jwk))
        if isinstance(key, ed25519.Ed25519PrivateKey):
            seed = key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
            jwks.append(dict(jwk, d=b64u(seed)))
    return jwks


def b64u(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def write(out, target, items):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    added = 0
    for item in items:
        data = item if isinstance(item, bytes) else item.encode()
        path = os.path.join(folder, hashlib.sha1(data).hexdigest())
        if not os.path.exists(path):
            with open(path, "wb") as file:
                file.write(data)
            added += 1
    total = len(os.listdir(folder))
    print(f"seeds: {target}: {len(items)} seeds, {added} new, {total} files in the corpus")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(FUZZ, "corpus"))
    args = parser.parse_args()

    seeds = Seeds()
    documents = sorted(glob.glob(os.path.join(ROOT, "jwt-core", "tests", "cases", "*.json")))
    if os.path.isdir(SHARED):
        documents += sorted(glob.glob(os.path.join(SHARED, "*.json")))
        documents += sorted(glob.glob(os.path.join(SHARED, "rfc", "*.json")))
        documents += sorted(glob.glob(os.path.join(SHARED, "wycheproof", "*.json")))
    else:
        print(f"seeds: {SHARED} not found, using jwt-core's own vectors only", file=sys.stderr)
    for path in documents:
        with open(path, encoding="utf-8") as file:
            seeds.walk(json.load(file))
    seeds.add_test_keys(os.path.join(ROOT, "jwt-core", "tests", "keys"))

    tokens = sorted(seeds.tokens)
    for target in TOKEN_TARGETS:
        write(args.out, target, tokens)

    jwk_seeds = [json.dumps(jwk) for jwk in seeds.jwks]
    jwk_seeds += sorted(seeds.jwks_texts)
    # Several keys in one set, and each key alone in a set: what an identity provider serves.
    jwk_seeds.append(json.dumps({"keys": seeds.jwks[:8]}))
    jwk_seeds += [json.dumps({"keys": [jwk]}) for jwk in seeds.jwks]
    write(args.out, "jwk", jwk_seeds)

    write(args.out, "pem_der", sorted(seeds.key_bytes))

    # The claims of every token, decoded: JSON payloads, most of them claims objects.
    payloads = set()
    for token in tokens:
        segments = token.split(".")
        if len(segments) < 2:
            continue
        segment = segments[1]
        try:
            payloads.add(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
        except (binascii.Error, ValueError):
            continue
    write(args.out, "claims_json", sorted(payloads))

    # The RSA public operation: each RSA key's modulus with numbers below and above it, as
    # the target reads them (a byte of size in limbs less one, n, then s).
    moduli = sorted(
        {jwk["n"] for jwk in seeds.jwks if jwk.get("kty") == "RSA" and isinstance(jwk.get("n"), str)}
    )
    montgomery = []
    for n_b64 in moduli:
        try:
            n = base64.urlsafe_b64decode(n_b64 + "=" * (-len(n_b64) % 4))
        except (binascii.Error, ValueError):
            continue
        if len(n) % 8 or not 8 <= len(n) <= 1024:
            continue
        below = bytes([0]) + n[1:]
        for s in (below, n, bytes(len(n) - 1) + b"\x02"):
            montgomery.append(bytes([len(n) // 8 - 1]) + n + s)
    write(args.out, "montgomery", montgomery)

    # The structured targets read their input through `arbitrary`: any bytes are a valid
    # input, so the seeds are fixed pseudo-random bytes of varied lengths.
    for target in STRUCTURED_TARGETS:
        generator = random.Random(target)
        items = [generator.randbytes(length) for length in (8, 32, 64, 128, 256, 512, 1024) for _ in range(4)]
        write(args.out, target, items)


if __name__ == "__main__":
    main()
