#!/usr/bin/env python3
"""Check the generated case files without the Rust crate.

1. Every file parses; every case uses only the CASES.md fields, key forms secret_b64u /
   secret_utf8 / pem, known algorithms and validation settings; ids are unique across files;
   every case has a description.
2. A small reference verifier, written from the check order the crate implements (not from
   generate.py's intentions), recomputes every verdict and must agree with `expected`.
   It uses the `cryptography` package for every signature check (HMAC included), so each
   "valid" case's signature is re-verified independently of generate.py's hmac/hashlib code.
3. Prints a table of cases per file and expected kind.

Exit status 0 only if everything agrees.

    python3 jwt-core/tests/cases/check.py [FILE.json ...]
"""

import base64
import glob
import json
import os
import re
import sys
from collections import Counter

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["valid", "MalformedToken", "TokenTooLarge", "InvalidAlgorithm", "KeyAlgorithmMismatch",
         "InvalidKey", "UnknownKeyId", "InvalidSignature", "UnsupportedCriticalHeader",
         "InvalidType", "Expired", "NotYetValid", "ImmatureIssuedAt", "TooOld", "InvalidIssuer",
         "InvalidAudience", "InvalidSubject", "MissingRequiredClaim"]
ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "EdDSA"]
CASE_FIELDS = {"id", "description", "token", "key", "algorithms", "now", "validation", "expected"}
REQUIRED_FIELDS = CASE_FIELDS - {"validation"}
VALIDATION_FIELDS = {"issuer", "audience", "subject", "leeway", "required", "typ", "max_age",
                     "max_token_bytes"}
REGISTERED_CLAIMS = {"iss", "sub", "aud", "exp", "nbf", "iat", "jti"}
DEFAULT_MAX_TOKEN_BYTES = 32768
ED25519_L = 2**252 + 27742317777372353535851937790883648493
HASH = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}


class Verdict(Exception):
    """Raised by the reference verifier with the error kind."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


# ------------------------------------------------------------------ strict decoding helpers


def b64u_decode_strict(seg):
    if not re.fullmatch(r"[A-Za-z0-9_-]*", seg) or len(seg) % 4 == 1:
        raise Verdict("MalformedToken")
    data = base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))
    if base64.urlsafe_b64encode(data).decode().rstrip("=") != seg:  # non-canonical bits
        raise Verdict("MalformedToken")
    return data


def _no_duplicates(pairs):
    names = [k for k, _ in pairs]
    if len(names) != len(set(names)):
        raise Verdict("MalformedToken")
    return dict(pairs)


def _reject_constant(name):  # NaN, Infinity, -Infinity are not JSON
    raise Verdict("MalformedToken")


def json_object_strict(data):
    try:
        text = data.decode("utf-8")  # strict: rejects invalid bytes, overlongs, surrogates
        value = json.loads(text, object_pairs_hook=_no_duplicates,
                           parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError):
        raise Verdict("MalformedToken")
    if not isinstance(value, dict):
        raise Verdict("MalformedToken")
    return value


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# ------------------------------------------------------------------ keys


def load_key(key):
    """(family, material) or Verdict('InvalidKey') for keys unusable in any role."""
    if "secret_b64u" in key:
        secret = base64.urlsafe_b64decode(key["secret_b64u"] + "=" * (-len(key["secret_b64u"]) % 4))
    elif "secret_utf8" in key:
        secret = key["secret_utf8"].encode("utf-8")
    else:
        pem = key["pem"].encode()
        try:
            k = serialization.load_pem_public_key(pem)
        except (ValueError, TypeError):
            try:
                k = serialization.load_pem_private_key(pem, password=None).public_key()
            except (ValueError, TypeError):
                raise Verdict("InvalidKey")
        if isinstance(k, rsa.RSAPublicKey):
            return "RS", k
        if isinstance(k, ed25519.Ed25519PublicKey):
            return "EdDSA", k
        raise Verdict("InvalidKey")  # EC, X25519, ...: no such family here
    if len(secret) < 32:
        raise Verdict("InvalidKey")  # refused when the key is loaded
    return "HS", secret


def family(alg):
    return "EdDSA" if alg == "EdDSA" else alg[:2]


def verify_signature(alg, key, signing_input, sig):
    """True iff `sig` is a valid `alg` signature. Length/range rules are explicit here rather
    than left to the library, so they are checked whatever OpenSSL does."""
    if alg.startswith("HS"):
        h = hmac.HMAC(key, HASH[alg[2:]]())
        h.update(signing_input)
        try:
            h.verify(sig)  # constant-time, and rejects any other length
            return True
        except InvalidSignature:
            return False
    if alg.startswith("RS"):
        n = key.public_numbers().n
        if len(sig) != (n.bit_length() + 7) // 8 or int.from_bytes(sig, "big") >= n:
            return False
        try:
            key.verify(sig, signing_input, padding.PKCS1v15(), HASH[alg[2:]]())
            return True
        except InvalidSignature:
            return False
    if len(sig) != 64 or int.from_bytes(sig[32:], "little") >= ED25519_L:
        return False
    try:
        key.verify(sig, signing_input)
        return True
    except InvalidSignature:
        return False


# ------------------------------------------------------------------ the reference verifier


def verdict(case):
    try:
        reference_verify(case)
        return "valid"
    except Verdict as v:
        return v.kind


def reference_verify(case):
    token, v, now = case["token"], case.get("validation", {}), case["now"]

    # 1. size
    if len(token.encode("utf-8")) > v.get("max_token_bytes", DEFAULT_MAX_TOKEN_BYTES):
        raise Verdict("TokenTooLarge")
    # 2. structure and encoding: three segments, all strictly base64url
    segs = token.split(".")
    if len(segs) != 3:
        raise Verdict("MalformedToken")
    header_b, payload_b, sig = (b64u_decode_strict(s) for s in segs)
    # 3. header JSON, registered header parameter types
    header = json_object_strict(header_b)
    for name in ("typ", "kid", "cty"):
        if name in header and not isinstance(header[name], str):
            raise Verdict("MalformedToken")
    # 4. alg
    if "alg" not in header:
        raise Verdict("InvalidAlgorithm")
    alg = header["alg"]
    if not isinstance(alg, str):
        raise Verdict("MalformedToken")
    if alg not in ALGS or alg not in case["algorithms"]:
        raise Verdict("InvalidAlgorithm")
    # 5. crit (no extension is understood) and b64
    if "crit" in header or ("b64" in header and header["b64"] is not True):
        raise Verdict("UnsupportedCriticalHeader")
    # 6. typ
    if "typ" in v:
        def norm(t):
            t = t.lower()
            return t[len("application/"):] if t.startswith("application/") else t
        if "typ" not in header or norm(header["typ"]) != norm(v["typ"]):
            raise Verdict("InvalidType")
    # 7. key: load, family binding, strength
    fam, key = load_key(case["key"])
    if fam != family(alg):
        raise Verdict("KeyAlgorithmMismatch")
    if fam == "HS" and len(key) < int(alg[2:]) // 8:
        raise Verdict("InvalidKey")
    if fam == "RS" and key.key_size < 2048:
        raise Verdict("InvalidKey")
    # 8. signature over the segments exactly as received
    if not verify_signature(alg, key, f"{segs[0]}.{segs[1]}".encode("utf-8"), sig):
        raise Verdict("InvalidSignature")
    # 9. payload JSON and registered claim types
    c = json_object_strict(payload_b)
    for name in ("exp", "nbf", "iat"):
        if name in c and not is_number(c[name]):
            raise Verdict("MalformedToken")
    for name in ("iss", "sub", "jti"):
        if name in c and not isinstance(c[name], str):
            raise Verdict("MalformedToken")
    if "aud" in c and not (isinstance(c["aud"], str) or (
            isinstance(c["aud"], list) and all(isinstance(a, str) for a in c["aud"]))):
        raise Verdict("MalformedToken")
    # 10. claims
    leeway = v.get("leeway", 0)
    for name in v.get("required", ["exp"]):
        if name not in c:
            raise Verdict("MissingRequiredClaim")
    if "exp" in c and now >= c["exp"] + leeway:
        raise Verdict("Expired")
    if "nbf" in c and now + leeway < c["nbf"]:
        raise Verdict("NotYetValid")
    if "iat" in c and c["iat"] > now + leeway:
        raise Verdict("ImmatureIssuedAt")
    if "max_age" in v:
        if "iat" not in c:
            raise Verdict("MissingRequiredClaim")
        if now - c["iat"] > v["max_age"] + leeway:
            raise Verdict("TooOld")
    if "issuer" in v:
        accepted = v["issuer"] if isinstance(v["issuer"], list) else [v["issuer"]]
        if c.get("iss") not in accepted:
            raise Verdict("InvalidIssuer")
    if "subject" in v and c.get("sub") != v["subject"]:
        raise Verdict("InvalidSubject")
    if "audience" in v:
        accepted = v["audience"] if isinstance(v["audience"], list) else [v["audience"]]
        aud = c.get("aud", [])
        aud = [aud] if isinstance(aud, str) else aud
        if not any(a in accepted for a in aud):
            raise Verdict("InvalidAudience")
    elif "aud" in c:
        raise Verdict("InvalidAudience")


# ------------------------------------------------------------------ schema


def schema_problems(case):
    p = []
    fields = set(case)
    if fields - CASE_FIELDS:
        p.append(f"unknown fields {sorted(fields - CASE_FIELDS)}")
    if REQUIRED_FIELDS - fields:
        return p + [f"missing fields {sorted(REQUIRED_FIELDS - fields)}"]
    for name in ("id", "description", "token", "expected"):
        if not isinstance(case[name], str):
            p.append(f"{name} is not a string")
    if not case["description"].strip():
        p.append("empty description")
    if not isinstance(case["now"], int) or isinstance(case["now"], bool):
        p.append("now is not an integer")
    if case["expected"] not in KINDS:
        p.append(f"unknown expected {case['expected']!r}")
    key = case["key"]
    if not (isinstance(key, dict) and len(key) == 1
            and next(iter(key)) in ("secret_b64u", "secret_utf8", "pem")
            and isinstance(next(iter(key.values())), str)):
        p.append("key is not one of secret_b64u / secret_utf8 / pem")
    elif "secret_b64u" in key and not re.fullmatch(r"[A-Za-z0-9_-]*", key["secret_b64u"]):
        p.append("secret_b64u is not unpadded base64url")
    if not (isinstance(case["algorithms"], list) and case["algorithms"]
            and all(a in ALGS for a in case["algorithms"])):
        p.append("algorithms must be a non-empty list of supported algorithm names")
    v = case.get("validation", {})
    if not isinstance(v, dict) or set(v) - VALIDATION_FIELDS:
        p.append("bad validation object")
        return p
    for name in ("issuer", "audience"):
        if name in v and not (isinstance(v[name], str) or (
                isinstance(v[name], list) and all(isinstance(x, str) for x in v[name]))):
            p.append(f"validation.{name} must be a string or array of strings")
    for name in ("subject", "typ"):
        if name in v and not isinstance(v[name], str):
            p.append(f"validation.{name} must be a string")
    for name in ("leeway", "max_age", "max_token_bytes"):
        if name in v and (not isinstance(v[name], int) or isinstance(v[name], bool)
                          or v[name] < 0):
            p.append(f"validation.{name} must be a non-negative integer")
    if "required" in v and not (isinstance(v["required"], list)
                                and all(x in REGISTERED_CLAIMS for x in v["required"])):
        p.append("validation.required must list registered claim names")
    return p


# ------------------------------------------------------------------ main


def main(paths):
    paths = paths or sorted(glob.glob(os.path.join(HERE, "*.json")))
    problems, per_file, seen = [], {}, {}
    valid_reverified = 0
    for path in paths:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        assert set(doc) == {"cases"}, f"{name}: top level must be {{'cases': [...]}}"
        per_file[name] = Counter()
        for case in doc["cases"]:
            cid = case.get("id", "?")
            problems += [f"{name} {cid}: {msg}" for msg in schema_problems(case)]
            if cid in seen:
                problems.append(f"{name} {cid}: id already used in {seen[cid]}")
            seen[cid] = name
            per_file[name][case["expected"]] += 1
            got = verdict(case)
            if got != case["expected"]:
                problems.append(f"{name} {cid}: expected {case['expected']}, reference says {got}")
            elif got == "valid":
                valid_reverified += 1

    files = list(per_file)
    width = max(len(k) for k in KINDS)
    print(f"{'kind':<{width}}  " + "  ".join(f"{n[:-5]:>10}" for n in files) + "       all")
    total = Counter()
    for kind in KINDS:
        row = [per_file[n][kind] for n in files]
        total[kind] = sum(row)
        print(f"{kind:<{width}}  " + "  ".join(f"{x:>10}" for x in row) + f"  {sum(row):>8}")
    print(f"{'all':<{width}}  " + "  ".join(f"{sum(per_file[n].values()):>10}" for n in files)
          + f"  {sum(total.values()):>8}")
    print(f"\n{len(seen)} unique ids; {valid_reverified} valid cases re-verified with cryptography")
    missing = [k for k in KINDS if total[k] == 0 and k != "UnknownKeyId"]
    if missing:
        problems.append(f"no case for {missing}")
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
