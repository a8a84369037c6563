#!/usr/bin/env python3
"""Check the generated case files without the Rust crate.

1. Every file parses; every case uses only the CASES.md fields, key forms secret_b64u /
   secret_utf8 / pem / jwk / jwks, known algorithms and validation settings; ids are unique
   across files; every case has a description.
2. A small reference verifier, written from the check order the crate implements (not from
   generate.py's intentions), recomputes every verdict and must agree with `expected`.
   It uses the `cryptography` package for every signature check (HMAC included), so each
   "valid" case's signature is re-verified independently of generate.py's hmac/hashlib code.
   JWKs are imported member by member here (strict base64url, minimal RSA integers, RSA
   consistency by arithmetic, EC coordinates of the field's length on the curve's equation and
   d against them, Ed25519 point decoding and small-order test in pure Python), and a JWK Set's
   key is selected by kid and alg (and, for EC, the curve) as CASES.md describes.
3. Prints a table of cases per file and expected kind.

Exit status 0 only if everything agrees.

    python3 jwt-core/tests/cases/check.py [FILE.json ...]
"""

import base64
import glob
import json
import math
import os
import re
import sys
from collections import Counter

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["valid", "MalformedToken", "TokenTooLarge", "InvalidAlgorithm", "KeyAlgorithmMismatch",
         "InvalidKey", "UnknownKeyId", "InvalidSignature", "UnsupportedCriticalHeader",
         "InvalidType", "Expired", "NotYetValid", "ImmatureIssuedAt", "TooOld", "InvalidIssuer",
         "InvalidAudience", "InvalidSubject", "MissingRequiredClaim"]
ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "PS256", "PS384",
        "PS512", "EdDSA"]
CASE_FIELDS = {"id", "description", "token", "key", "algorithms", "now", "validation", "expected"}
REQUIRED_FIELDS = CASE_FIELDS - {"validation"}
VALIDATION_FIELDS = {"issuer", "audience", "subject", "leeway", "required", "typ", "max_age",
                     "max_token_bytes"}
REGISTERED_CLAIMS = {"iss", "sub", "aud", "exp", "nbf", "iat", "jti"}
DEFAULT_MAX_TOKEN_BYTES = 32768
ED25519_L = 2**252 + 27742317777372353535851937790883648493
HASH = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}


class Curve:
    """A short Weierstrass curve y^2 = x^3 - 3x + b over GF(p) of prime order n (SEC 2)."""

    def __init__(self, jwk_name, cryptography_curve, width, p, b, n, alg):
        self.jwk_name, self.cryptography_curve, self.width = jwk_name, cryptography_curve, width
        self.p, self.b, self.n, self.alg = p, b, n, alg

    def on_curve(self, x, y):
        return x < self.p and y < self.p and (y * y - (x ** 3 - 3 * x + self.b)) % self.p == 0


P256 = Curve("P-256", ec.SECP256R1, 32, 2**256 - 2**224 + 2**192 + 2**96 - 1,
             0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
             0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551, "ES256")
P384 = Curve("P-384", ec.SECP384R1, 48, 2**384 - 2**128 - 2**96 + 2**32 - 1,
             int("B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875A"
                 "C656398D8A2ED19D2A85C8EDD3EC2AEF", 16),
             int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
                 "581A0DB248B0A77AECEC196ACCC52973", 16), "ES384")
CURVES = {curve.jwk_name: curve for curve in (P256, P384)}
CURVE_OF_OPENSSL = {"secp256r1": P256, "secp384r1": P384}


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
    """A single Key (not a set), or Verdict('InvalidKey') for keys unusable in any role."""
    if "jwk" in key:
        return load_jwk(key["jwk"])
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
                private = serialization.load_pem_private_key(pem, password=None)
            except (ValueError, TypeError):
                raise Verdict("InvalidKey")
            k = private.public_key()
            # An EC private key's public point, where the document carries one, must be d * G.
            if isinstance(private, ec.EllipticCurvePrivateKey):
                derived = ec.derive_private_key(private.private_numbers().private_value,
                                                private.curve).public_key()
                if derived.public_numbers() != k.public_numbers():
                    raise Verdict("InvalidKey")
        if isinstance(k, rsa.RSAPublicKey):
            return Key("RS", k)
        if isinstance(k, ed25519.Ed25519PublicKey):
            return Key("EdDSA", k)
        if isinstance(k, ec.EllipticCurvePublicKey) and k.curve.name in CURVE_OF_OPENSSL:
            return Key("ES", k, curve=CURVE_OF_OPENSSL[k.curve.name])
        raise Verdict("InvalidKey")  # P-521, secp256k1, X25519, ...: no such key here
    if len(secret) < 32:
        raise Verdict("InvalidKey")  # refused when the key is loaded
    return Key("HS", secret)


def family(alg):
    """HS, RS (RS* and PS* alike), ES or EdDSA."""
    if alg == "EdDSA":
        return "EdDSA"
    return {"HS": "HS", "RS": "RS", "PS": "RS", "ES": "ES"}[alg[:2]]


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
    if alg.startswith(("RS", "PS")):
        n = key.public_numbers().n
        if len(sig) != (n.bit_length() + 7) // 8 or int.from_bytes(sig, "big") >= n:
            return False
        h = HASH[alg[2:]]
        # PS*: MGF1 with the same hash, and a salt of exactly the hash's length (RFC 7518 3.5).
        scheme = (padding.PKCS1v15() if alg.startswith("RS")
                  else padding.PSS(mgf=padding.MGF1(h()), salt_length=h.digest_size))
        try:
            key.verify(sig, signing_input, scheme, h())
            return True
        except InvalidSignature:
            return False
    if alg.startswith("ES"):
        curve = CURVES["P-" + alg[2:]]
        width = curve.width
        if len(sig) != 2 * width:
            return False
        r, s = int.from_bytes(sig[:width], "big"), int.from_bytes(sig[width:], "big")
        if not (0 < r < curve.n and 0 < s < curve.n):
            return False
        try:
            key.verify(utils.encode_dss_signature(r, s), signing_input,
                       ec.ECDSA(HASH[alg[2:]]()))
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


# ------------------------------------------------------------------ JWK and JWK Set keys
#
# Written from RFC 7517/7518/8037 and the import rules of the crate's documentation, not from
# generate.py: strict base64url members, minimal RSA integers, RSA consistency by arithmetic,
# Ed25519 points decoded and tested for small order here (cryptography loads any 32 bytes).


class Key:
    """A usable verification key: its family, the material the signature check needs, the
    one algorithm it is restricted to (JWK `alg`) or None, and its kid."""

    def __init__(self, fam, material, only=None, kid=None, curve=None):
        self.fam, self.material, self.only, self.kid = fam, material, only, kid
        self.curve = curve

    def fits(self, alg):
        """Of the algorithm's family and not restricted to another algorithm."""
        return self.fam == family(alg) and self.only in (None, alg)

    def refusal(self, alg):
        """Why this key is not the one for `alg` (None if it is): another family or restriction
        (KeyAlgorithmMismatch), or an EC key of another curve (InvalidKey)."""
        if not self.fits(alg):
            return "KeyAlgorithmMismatch"
        if self.fam == "ES" and self.curve.alg != alg:
            return "InvalidKey"
        return None


ED_P = 2**255 - 19
ED_D = -121665 * pow(121666, -1, ED_P) % ED_P
ED_SQRT_M1 = pow(2, (ED_P - 1) // 4, ED_P)


def ed_decode(b):
    """The affine point of a canonical 32-byte encoding, or None (RFC 8032 5.1.3)."""
    y = int.from_bytes(b, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    if y >= ED_P:
        return None
    x2 = (y * y - 1) * pow(ED_D * y * y + 1, -1, ED_P) % ED_P
    x = pow(x2, (ED_P + 3) // 8, ED_P)
    if (x * x - x2) % ED_P:
        x = x * ED_SQRT_M1 % ED_P
    if (x * x - x2) % ED_P:
        return None
    if x == 0 and sign:
        return None
    return (ED_P - x if x & 1 != sign else x), y


def ed_add(a, b):
    (x1, y1), (x2, y2) = a, b
    t = ED_D * x1 * x2 * y1 * y2 % ED_P
    return ((x1 * y2 + y1 * x2) * pow(1 + t, -1, ED_P) % ED_P,
            (y1 * y2 + x1 * x2) * pow(1 - t, -1, ED_P) % ED_P)


def ed_small_order(point):
    for _ in range(3):  # [8]P
        point = ed_add(point, point)
    return point == (0, 1)


def jwk_bytes(jwk, name, required=True):
    """A strictly decoded base64url member, None if absent and optional."""
    if name not in jwk:
        if required:
            raise Verdict("InvalidKey")
        return None
    value = jwk[name]
    if not isinstance(value, str):
        raise Verdict("InvalidKey")
    try:
        return b64u_decode_strict(value)
    except Verdict:
        raise Verdict("InvalidKey")


def jwk_uint(jwk, name, required=True):
    """An RSA integer member: non-empty, no leading zero byte (RFC 7518 6.3)."""
    data = jwk_bytes(jwk, name, required)
    if data is None:
        return None
    if not data or data[0] == 0:
        raise Verdict("InvalidKey")
    return int.from_bytes(data, "big")


def jwk_rsa_key(jwk):
    n, e = jwk_uint(jwk, "n"), jwk_uint(jwk, "e")
    if not 2048 <= n.bit_length() <= 8192 or e < 3 or e % 2 == 0:
        raise Verdict("InvalidKey")
    d = jwk_uint(jwk, "d", required=False)
    if d is not None:
        if "oth" in jwk:
            raise Verdict("InvalidKey")
        crt = {name: jwk_uint(jwk, name, required=False) for name in ("p", "q", "dp", "dq", "qi")}
        given = [v is not None for v in crt.values()]
        if any(given) and not all(given):
            raise Verdict("InvalidKey")
        if all(given):
            p, q = crt["p"], crt["q"]
        else:
            try:
                p, q = rsa.rsa_recover_prime_factors(n, e, d)
            except ValueError:
                raise Verdict("InvalidKey")
        lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
        if p < 2 or q < 2 or p * q != n or d * e % lam != 1:
            raise Verdict("InvalidKey")
        if all(given) and (crt["dp"] != d % (p - 1) or crt["dq"] != d % (q - 1)
                           or crt["qi"] != pow(q, -1, p)):
            raise Verdict("InvalidKey")
    return rsa.RSAPublicNumbers(e, n).public_key()


def jwk_okp_key(jwk):
    if jwk.get("crv") != "Ed25519":  # absent, another curve, or not a string
        raise Verdict("InvalidKey")
    x = jwk_bytes(jwk, "x")
    point = ed_decode(x) if len(x) == 32 else None
    if point is None or ed_small_order(point):
        raise Verdict("InvalidKey")
    d = jwk_bytes(jwk, "d", required=False)
    if d is not None:
        if len(d) != 32:
            raise Verdict("InvalidKey")
        derived = ed25519.Ed25519PrivateKey.from_private_bytes(d).public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        if derived != x:
            raise Verdict("InvalidKey")
    return ed25519.Ed25519PublicKey.from_public_bytes(x)


def jwk_ec_key(jwk):
    """An EC public key from crv, x, y (each exactly the field's length, the point on the
    curve's equation); d, if present, of that length, in [1, n - 1], and with d * G = (x, y)."""
    curve = CURVES.get(jwk.get("crv")) if isinstance(jwk.get("crv"), str) else None
    if curve is None:
        raise Verdict("InvalidKey")
    x, y = jwk_bytes(jwk, "x"), jwk_bytes(jwk, "y")
    if len(x) != curve.width or len(y) != curve.width:
        raise Verdict("InvalidKey")
    x, y = int.from_bytes(x, "big"), int.from_bytes(y, "big")
    if not curve.on_curve(x, y):
        raise Verdict("InvalidKey")
    d = jwk_bytes(jwk, "d", required=False)
    if d is not None:
        if len(d) != curve.width or not 0 < int.from_bytes(d, "big") < curve.n:
            raise Verdict("InvalidKey")
        derived = ec.derive_private_key(int.from_bytes(d, "big"), curve.cryptography_curve())
        if (derived.public_key().public_numbers().x, derived.public_key().public_numbers().y) \
                != (x, y):
            raise Verdict("InvalidKey")
    return curve, ec.EllipticCurvePublicNumbers(x, y, curve.cryptography_curve()).public_key()


def load_jwk(jwk):
    """Key from a JWK (public or private), or Verdict('InvalidKey')."""
    if not isinstance(jwk, dict):
        raise Verdict("InvalidKey")
    for name in ("alg", "use", "kid", "kty"):
        if name in jwk and not isinstance(jwk[name], str):
            raise Verdict("InvalidKey")
    only = jwk.get("alg")
    if only is not None and only not in ALGS:
        raise Verdict("InvalidKey")
    if jwk.get("use", "sig") != "sig":
        raise Verdict("InvalidKey")
    if "key_ops" in jwk:
        ops = jwk["key_ops"]
        if (not isinstance(ops, list) or not all(isinstance(o, str) for o in ops)
                or len(set(ops)) != len(ops) or "verify" not in ops):
            raise Verdict("InvalidKey")
    kty = jwk.get("kty")
    if kty == "oct":
        fam, material = "HS", jwk_bytes(jwk, "k")
        if len(material) < 32:
            raise Verdict("InvalidKey")
    elif kty == "RSA":
        fam, material = "RS", jwk_rsa_key(jwk)
    elif kty == "OKP":
        fam, material = "EdDSA", jwk_okp_key(jwk)
    elif kty == "EC":
        fam, (curve, material) = "ES", jwk_ec_key(jwk)
    else:
        raise Verdict("InvalidKey")
    key = Key(fam, material, only, jwk.get("kid"), curve=curve if kty == "EC" else None)
    if only is not None:  # the JWK's own alg must fit it, curve and strength included
        if key.refusal(only) is not None:
            raise Verdict("InvalidKey")
        check_strength(key, only)
    return key


def load_jwks(document):
    """The usable keys of a JWK Set; unusable members are skipped, none usable is InvalidKey."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise Verdict("InvalidKey")
    keys = []
    for member in document["keys"]:
        try:
            keys.append(load_jwk(member))
        except Verdict:
            pass  # skipped
    if not keys:
        raise Verdict("InvalidKey")
    return keys


def select(keys, alg, kid):
    """The key of the set for a token's alg and kid (of its family and, for EC, its curve)."""
    named = [k for k in keys if kid is None or k.kid == kid]
    fitting = [k for k in named if k.refusal(alg) is None]
    if len(fitting) == 1:
        return fitting[0]
    if not fitting and kid is not None and named:
        raise Verdict(named[0].refusal(alg))
    raise Verdict("UnknownKeyId")


def check_strength(key, alg):
    if key.fam == "HS" and len(key.material) < int(alg[2:]) // 8:
        raise Verdict("InvalidKey")
    if key.fam == "RS" and key.material.key_size < 2048:
        raise Verdict("InvalidKey")
    if key.fam == "ES" and key.curve.alg != alg:  # one curve, one algorithm
        raise Verdict("InvalidKey")


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
    # 7. key: load (a set: read it, then select by kid and alg), family binding, strength
    if "jwks" in case["key"]:
        key = select(load_jwks(case["key"]["jwks"]), alg, header.get("kid"))
    else:
        key = load_key(case["key"])
        if not key.fits(alg):  # another family, or a JWK restricted to another alg
            raise Verdict("KeyAlgorithmMismatch")
    check_strength(key, alg)
    # 8. signature over the segments exactly as received
    if not verify_signature(alg, key.material, f"{segs[0]}.{segs[1]}".encode("utf-8"), sig):
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
            and next(iter(key)) in ("secret_b64u", "secret_utf8", "pem", "jwk", "jwks")):
        p.append("key is not one of secret_b64u / secret_utf8 / pem / jwk / jwks")
    elif next(iter(key)) not in ("jwk", "jwks") and not isinstance(next(iter(key.values())), str):
        p.append("secret_b64u / secret_utf8 / pem must be a string")
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
    missing = [k for k in KINDS if total[k] == 0]
    if missing:
        problems.append(f"no case for {missing}")
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
