#!/usr/bin/env python3
"""Generate the JWT verification conformance cases in this directory.

This is an implementation independent of the Rust crate: tokens are built byte by byte here
(base64url by hand, JSON text by hand where it has to be malformed) and signed with Python's
`hmac`/`hashlib` and the `cryptography` package (RSASSA-PKCS1-v1_5, ECDSA, Ed25519); RSASSA-PSS
is encoded by hand here (EMSA-PSS-ENCODE, RFC 8017 section 9.1.1) and raised to the private
exponent with Python's `pow`. No JWT library is used. The case format and the error kinds are
those of the project's CASES.md.

Deterministic: the clock is fixed (NOW), keys are read from ../keys/, HMAC, RSA PKCS#1 v1.5,
ECDSA (RFC 6979 nonces, `deterministic_signing`) and Ed25519 are deterministic, PSS salts are
derived from the signing input (SHAKE-256), and every "search" below walks a counter from 0.
Running it twice writes identical files.

    python3 jwt-core/tests/cases/generate.py      # rewrites the *.json files beside it
    python3 jwt-core/tests/cases/check.py         # re-checks them (ids, counts, signatures)

Requires: cryptography (tested with 48.0.0).
"""

import base64
import hashlib
import hmac
import json
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, utils

NOW = 1700000000
HERE = os.path.dirname(os.path.abspath(__file__))
KEYS_DIR = os.path.normpath(os.path.join(HERE, "..", "keys"))

B64U_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
ED25519_L = 2**252 + 27742317777372353535851937790883648493  # order of the Ed25519 base point
# Group orders of P-256 and P-384 (SEC 2, FIPS 186-5).
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P384_N = int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
             "581A0DB248B0A77AECEC196ACCC52973", 16)
ALL_ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "PS256",
            "PS384", "PS512", "EdDSA"]


def b64u(data):
    """base64url without padding (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")

# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------


def read_pem(name):
    with open(os.path.join(KEYS_DIR, name + ".pem"), encoding="ascii") as f:
        return f.read()


PEM = {
    name: read_pem(name)
    for name in [
        "rsa2048-private-pkcs8", "rsa2048-private-pkcs1", "rsa2048-public-spki",
        "rsa2048-public-pkcs1", "rsa2048-other-private-pkcs8", "rsa2048-other-public-spki",
        "rsa3072-private-pkcs8", "rsa3072-public-spki", "rsa1024-private-pkcs8",
        "rsa1024-public-spki", "ed25519-private-pkcs8", "ed25519-public-spki",
        "ed25519-other-private-pkcs8", "ed25519-other-public-spki", "p256-private-pkcs8",
        "p256-private-sec1", "p256-public-spki", "p256-other-private-pkcs8",
        "p256-other-public-spki", "p384-private-pkcs8", "p384-private-sec1", "p384-public-spki",
        "p521-public-spki", "secp256k1-public-spki", "x25519-public-spki",
    ]
}


def load_private(name):
    return serialization.load_pem_private_key(PEM[name].encode(), password=None)


RSA = load_private("rsa2048-private-pkcs8")
RSA_OTHER = load_private("rsa2048-other-private-pkcs8")
RSA3072 = load_private("rsa3072-private-pkcs8")
RSA1024 = load_private("rsa1024-private-pkcs8")
ED = load_private("ed25519-private-pkcs8")
ED_OTHER = load_private("ed25519-other-private-pkcs8")
P256 = load_private("p256-private-pkcs8")
P256_OTHER = load_private("p256-other-private-pkcs8")
P384 = load_private("p384-private-pkcs8")
RSA_N = RSA.public_key().public_numbers().n

# HMAC secrets: exactly the minimum length for each hash.
HS32 = bytes(range(32))                      # same secret as the shared example cases
HS48 = bytes(range(100, 148))
HS64 = bytes(range(150, 214))
HS_SECRET = {"HS256": HS32, "HS384": HS48, "HS512": HS64}
UTF8_SECRET = {  # ASCII text secrets of exactly 32 / 48 / 64 bytes
    "HS256": "conformance-secret-for-hs256-32b",
    "HS384": "conformance-secret-for-hs384-is-48-bytes-long!!!",
    "HS512": "conformance-secret-for-hs512-is-exactly-sixty-four-bytes-long!!!",
}
for _alg, _s in UTF8_SECRET.items():
    assert len(_s.encode()) == len(HS_SECRET[_alg]), _alg


def k_b64u(secret):
    return {"secret_b64u": b64u(secret)}


def k_utf8(text):
    return {"secret_utf8": text}


def k_pem(name):
    return {"pem": PEM[name]}


# The verification key a well-formed token of each algorithm is checked with by default.
DEFAULT_VERIFY_KEY = {
    "HS256": k_b64u(HS32), "HS384": k_b64u(HS48), "HS512": k_b64u(HS64),
    "RS256": k_pem("rsa2048-public-spki"), "RS384": k_pem("rsa2048-public-spki"),
    "RS512": k_pem("rsa2048-public-spki"), "ES256": k_pem("p256-public-spki"),
    "ES384": k_pem("p384-public-spki"), "PS256": k_pem("rsa2048-public-spki"),
    "PS384": k_pem("rsa2048-public-spki"), "PS512": k_pem("rsa2048-public-spki"),
    "EdDSA": k_pem("ed25519-public-spki"),
}
DEFAULT_SIGN_KEY = {
    "HS256": HS32, "HS384": HS48, "HS512": HS64,
    "RS256": RSA, "RS384": RSA, "RS512": RSA, "ES256": P256, "ES384": P384,
    "PS256": RSA, "PS384": RSA, "PS512": RSA, "EdDSA": ED,
}

# --------------------------------------------------------------------------------------------
# Encoding and signing primitives
# --------------------------------------------------------------------------------------------


def compact_json(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def enc(part):
    """Encode a header or payload. dict -> compact JSON; str -> that exact JSON text;
    bytes -> those exact bytes (used for invalid UTF-8)."""
    if isinstance(part, dict):
        return b64u(compact_json(part))
    if isinstance(part, str):
        return b64u(part.encode("utf-8"))
    return b64u(part)


HMAC_HASH = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
RSA_HASH = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}
PSS_HASH = {"PS256": hashlib.sha256, "PS384": hashlib.sha384, "PS512": hashlib.sha512}
# ECDSA: the hash, and the width of r and of s in the JOSE signature r || s.
ES_HASH = {"ES256": (hashes.SHA256, 32), "ES384": (hashes.SHA384, 48)}


def ecdsa_sign(key, signing_input, alg):
    """JOSE ECDSA signature (RFC 7518 3.4): r || s, each at the curve's width, RFC 6979 nonce."""
    h, width = ES_HASH[alg]
    der = key.sign(signing_input, ec.ECDSA(h(), deterministic_signing=True))
    r, s = utils.decode_dss_signature(der)
    return r.to_bytes(width, "big") + s.to_bytes(width, "big")


def mgf1(seed, length, h):
    """MGF1 (RFC 8017 appendix B.2.1) with the hash constructor `h`."""
    out = b""
    counter = 0
    while len(out) < length:
        out += h(seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:length]


def pss_sign(key, signing_input, alg, salt_len=None, mgf_hash=None, trailer=0xBC):
    """RSASSA-PSS (RFC 8017 8.1.1) written out: EMSA-PSS-ENCODE with the hash of `alg`, MGF1
    with `mgf_hash` (the same hash by default) and a salt of `salt_len` bytes (the hash length
    by default, as RFC 7518 3.5 requires), derived from the signing input; then m^d mod n."""
    h = PSS_HASH[alg]
    h_len = h().digest_size
    salt_len = h_len if salt_len is None else salt_len
    numbers = key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    em_bits = n.bit_length() - 1
    em_len = (em_bits + 7) // 8
    assert em_len >= h_len + salt_len + 2, "salt too long for the key"
    salt = hashlib.shake_256(b"jwt-core conformance PSS salt" + signing_input).digest(salt_len)
    big_h = h(b"\0" * 8 + h(signing_input).digest() + salt).digest()
    db = b"\0" * (em_len - salt_len - h_len - 2) + b"\x01" + salt
    mask = mgf1(big_h, em_len - h_len - 1, mgf_hash or h)
    masked = bytearray(a ^ b for a, b in zip(db, mask))
    masked[0] &= 0xFF >> (8 * em_len - em_bits)
    em = bytes(masked) + big_h + bytes([trailer])
    k = (n.bit_length() + 7) // 8
    return pow(int.from_bytes(em, "big"), d, n).to_bytes(k, "big")


def sign(alg, signing_input, key):
    """Raw JWS signature of `signing_input` (bytes) with `alg` and a signing key."""
    if alg in HMAC_HASH:
        return hmac.new(key, signing_input, HMAC_HASH[alg]).digest()
    if alg in RSA_HASH:
        return key.sign(signing_input, padding.PKCS1v15(), RSA_HASH[alg]())
    if alg in PSS_HASH:
        signature = pss_sign(key, signing_input, alg)
        # The hand-written encoding must be what OpenSSL verifies as this PS algorithm.
        h = {"PS256": hashes.SHA256, "PS384": hashes.SHA384, "PS512": hashes.SHA512}[alg]
        key.public_key().verify(signature, signing_input,
                                padding.PSS(mgf=padding.MGF1(h()), salt_length=h.digest_size),
                                h())
        return signature
    if alg in ES_HASH:
        return ecdsa_sign(key, signing_input, alg)
    if alg == "EdDSA":
        return key.sign(signing_input)
    raise ValueError(alg)


def signed(h_seg, p_seg, alg, key=None):
    """Token from already-encoded header and payload segments (which may be malformed on
    purpose), signed over exactly those characters."""
    key = DEFAULT_SIGN_KEY[alg] if key is None else key
    sig = sign(alg, f"{h_seg}.{p_seg}".encode("utf-8"), key)
    return f"{h_seg}.{p_seg}.{b64u(sig)}"


def hdr(alg, **extra):
    h = {"alg": alg, "typ": "JWT"}
    h.update(extra)
    return h


# Standard claims: good at NOW for STD_VALIDATION.
ISS = "https://auth.example.com"
CLAIMS = {"sub": "user_123", "iss": ISS, "aud": "api", "iat": NOW - 60, "exp": NOW + 900}
STD_VALIDATION = {"issuer": ISS, "audience": "api"}
# Minimal claims for cases run with no issuer/audience settings (no aud: an aud present with
# no audience configured is InvalidAudience).
BARE = {"sub": "user_123", "iat": NOW - 60, "exp": NOW + 900}


def claims(**changes):
    """CLAIMS with members changed; a value of None removes the member."""
    c = dict(CLAIMS)
    for k, v in changes.items():
        if v is None:
            c.pop(k, None)
        else:
            c[k] = v
    return c


def tok(alg="HS256", payload=None, header=None, key=None):
    """A correctly signed token: header defaults to {"alg","typ"}, payload to CLAIMS."""
    header = hdr(alg) if header is None else header
    payload = CLAIMS if payload is None else payload
    return signed(enc(header), enc(payload), alg, key)


def with_sig(token, sig_bytes):
    """Replace the signature segment by the encoding of `sig_bytes`."""
    h, p, _ = token.split(".")
    return f"{h}.{p}.{b64u(sig_bytes)}"


def raw_sig(token):
    s = token.split(".")[2]
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def noncanonical(seg):
    """Same bytes, but the unused low bits of the last character set: a strict decoder must
    refuse it, a lenient one decodes it to the very same bytes."""
    assert len(seg) % 4 in (2, 3), "segment has no unused trailing bits"
    last = B64U_ALPHABET.index(seg[-1])
    assert last & 1 == 0
    return seg[:-1] + B64U_ALPHABET[last + 1]


def std_alphabet(seg):
    """The same bytes in the standard base64 alphabet ('+' and '/' instead of '-' and '_')."""
    return seg.replace("-", "+").replace("_", "/")


def find(predicate, make, limit=20000):
    """First make(i), i = 0, 1, ..., for which predicate holds (deterministic search)."""
    for i in range(limit):
        value = make(i)
        if predicate(value):
            return value
    raise RuntimeError("search exhausted")


# --------------------------------------------------------------------------------------------
# Case bookkeeping
# --------------------------------------------------------------------------------------------

_DEFAULT = object()


class CaseFile:
    def __init__(self, name):
        self.name = name
        self.cases = []

    def add(self, id, description, token, expected, alg="HS256", key=None, algorithms=None,
            validation=_DEFAULT):
        """Add a case. `alg` picks the default verification key and allow-list [alg]."""
        validation = dict(STD_VALIDATION) if validation is _DEFAULT else validation
        case = {
            "id": id,
            "description": description,
            "token": token,
            "key": DEFAULT_VERIFY_KEY[alg] if key is None else key,
            "algorithms": [alg] if algorithms is None else algorithms,
            "now": NOW,
        }
        if validation:
            case["validation"] = validation
        case["expected"] = expected
        self.cases.append(case)

    def write(self):
        path = os.path.join(HERE, self.name + ".json")
        with open(path, "w", encoding="ascii", newline="\n") as f:
            json.dump({"cases": self.cases}, f, indent=1, ensure_ascii=True)
            f.write("\n")
        return path, len(self.cases)


# --------------------------------------------------------------------------------------------
# structure.json: size, segments, base64url strictness, header JSON, crit, b64, typ
# --------------------------------------------------------------------------------------------


def header_with_len_mod3(alg, r):
    """A header whose JSON length is = r (mod 3), so its segment has 0, 2 or 3 trailing chars."""
    return find(lambda h: len(compact_json(h)) % 3 == r, lambda i: hdr(alg, kid="k" + "x" * i))


def payload_with_len_mod3(r):
    return find(lambda p: len(compact_json(p)) % 3 == r, lambda i: claims(jti="j" + "x" * i))


def token_of_length(target, alg="HS256"):
    """A correctly signed token of exactly `target` bytes, padded with an unregistered claim."""
    for kid_len in range(3):
        h = enc(hdr(alg, kid="k" * (kid_len + 1)))
        sig_len = len(tok(alg).split(".")[2])
        want = target - len(h) - sig_len - 2  # length the payload segment must have
        base = len(enc(claims(pad="")))
        n = (want - base) * 3 // 4
        for pad in range(max(0, n - 4), n + 5):
            p = enc(claims(pad="A" * pad))
            if len(p) == want:
                t = signed(h, p, alg)
                assert len(t) == target
                return t
    raise RuntimeError("no token of that length")


def gen_size(f):
    t = tok()
    f.add("size-max-token-bytes-exceeded",
          "token one byte longer than validation.max_token_bytes is refused before decoding",
          t, "TokenTooLarge", validation=dict(STD_VALIDATION, max_token_bytes=len(t) - 1))
    f.add("size-max-token-bytes-exact",
          "token exactly validation.max_token_bytes long is accepted (limit is inclusive)",
          t, "valid", validation=dict(STD_VALIDATION, max_token_bytes=len(t)))
    f.add("size-max-token-bytes-tiny",
          "max_token_bytes 64 refuses an otherwise valid HS256 token",
          t, "TokenTooLarge", validation=dict(STD_VALIDATION, max_token_bytes=64))
    big = tok(payload=claims(pad="A" * 48000))
    f.add("size-64k-default-limit",
          f"validly signed token of {len(big)} bytes (~64 KiB) exceeds the default 32768-byte limit",
          big, "TokenTooLarge")
    f.add("size-default-limit-exact",
          "validly signed token of exactly 32768 bytes is accepted by the default limit",
          token_of_length(32768), "valid")
    f.add("size-default-limit-plus-one",
          "validly signed token of 32769 bytes is refused by the default 32768-byte limit",
          token_of_length(32769), "TokenTooLarge")


def gen_segments(f):
    h, p, s = tok().split(".")
    f.add("segments-empty-token", "empty string is not a compact JWS", "", "MalformedToken")
    f.add("segments-one", "a single base64url segment, no dots", h, "MalformedToken")
    f.add("segments-two", "header and payload only, signature segment and its dot missing",
          f"{h}.{p}", "MalformedToken")
    f.add("segments-four", "valid token followed by a fourth segment",
          f"{h}.{p}.{s}.{s}", "MalformedToken")
    f.add("segments-trailing-dot", "valid token followed by a trailing dot (four segments)",
          f"{h}.{p}.{s}.", "MalformedToken")
    f.add("segments-five-jwe-shape", "five segments (JWE compact shape) is not a JWS",
          f"{h}.{p}.{s}.{p}.{s}", "MalformedToken")
    f.add("segments-all-empty", "'..': three empty segments, empty header is not JSON",
          "..", "MalformedToken")
    f.add("segments-empty-header", "empty header segment: zero bytes are not a JSON object",
          signed("", p, "HS256"), "MalformedToken")
    f.add("segments-empty-payload-signed",
          "empty payload segment with a valid signature: zero bytes are not a JSON object",
          signed(h, "", "HS256"), "MalformedToken")


def gen_base64(f):
    alg = "HS256"
    # Padding '=' in each segment (each segment chosen so that padding would be needed).
    h2 = enc(header_with_len_mod3(alg, 1))  # 1 trailing byte -> 2 chars, '==' when padded
    p2 = enc(payload_with_len_mod3(1))
    f.add("b64-padded-header", "header segment carries '==' padding (signed over the padded text)",
          signed(h2 + "==", enc(CLAIMS), alg), "MalformedToken")
    f.add("b64-padded-payload",
          "payload segment carries '==' padding (signed over the padded text)",
          signed(enc(hdr(alg)), p2 + "==", alg), "MalformedToken")
    t = tok()
    f.add("b64-padded-signature", "HS256 signature segment (32 bytes) carries '=' padding",
          t + "=", "MalformedToken")
    f.add("b64-padding-in-middle", "'=' inside the payload segment",
          signed(enc(hdr(alg)), p2[:10] + "=" + p2[10:], alg), "MalformedToken")
    f.add("b64-length-mod4-is-1",
          "signature segment of 45 (4k+1) characters cannot be base64url",
          t + "AA", "MalformedToken")

    # Standard alphabet: find segments whose url-safe encoding contains '-' / '_' and swap.
    # ASCII JSON only yields '-' / '_' where a '~' / '?' lands on the third byte of a 3-byte
    # group, so slide those characters along until they do.
    hm = find(lambda s: "-" in s, lambda i: enc(hdr(alg, kid="k" * i + "~")))
    hs = find(lambda s: "_" in s, lambda i: enc(hdr(alg, kid="k" * i + "?")))
    f.add("b64-std-alphabet-plus-header",
          "header segment uses '+' (standard alphabet) instead of '-'",
          signed(std_alphabet(hm), enc(CLAIMS), alg), "MalformedToken")
    f.add("b64-std-alphabet-slash-header",
          "header segment uses '/' (standard alphabet) instead of '_'",
          signed(std_alphabet(hs), enc(CLAIMS), alg), "MalformedToken")
    pm = find(lambda s: "-" in s, lambda i: enc(claims(jti="j" * i + "~")))
    ps = find(lambda s: "_" in s, lambda i: enc(claims(jti="j" * i + "?")))
    f.add("b64-std-alphabet-plus-payload",
          "payload segment uses '+' (standard alphabet) instead of '-'",
          signed(enc(hdr(alg)), std_alphabet(pm), alg), "MalformedToken")
    f.add("b64-std-alphabet-slash-payload",
          "payload segment uses '/' (standard alphabet) instead of '_'",
          signed(enc(hdr(alg)), std_alphabet(ps), alg), "MalformedToken")
    tm = find(lambda t: "-" in t.split(".")[2], lambda i: tok(payload=claims(jti=f"id-{i}")))
    ts = find(lambda t: "_" in t.split(".")[2], lambda i: tok(payload=claims(jti=f"id-{i}")))
    f.add("b64-std-alphabet-plus-signature",
          "signature segment uses '+' (standard alphabet) instead of '-'",
          tm.rsplit(".", 1)[0] + "." + std_alphabet(tm.split(".")[2]), "MalformedToken")
    f.add("b64-std-alphabet-slash-signature",
          "signature segment uses '/' (standard alphabet) instead of '_'",
          ts.rsplit(".", 1)[0] + "." + std_alphabet(ts.split(".")[2]), "MalformedToken")

    # Non-canonical trailing bits: a lenient decoder yields the same bytes (and, for header and
    # payload, the signature covers the exact non-canonical text), so only strictness rejects.
    h3 = enc(header_with_len_mod3(alg, 2))  # 3 trailing chars, 2 unused bits
    p3 = enc(payload_with_len_mod3(2))
    f.add("b64-noncanonical-header-2char",
          "header's last char (1-byte remainder) has non-zero unused bits",
          signed(noncanonical(h2), enc(CLAIMS), alg), "MalformedToken")
    f.add("b64-noncanonical-header-3char",
          "header's last char (2-byte remainder) has non-zero unused bits",
          signed(noncanonical(h3), enc(CLAIMS), alg), "MalformedToken")
    f.add("b64-noncanonical-payload-2char",
          "payload's last char (1-byte remainder) has non-zero unused bits",
          signed(enc(hdr(alg)), noncanonical(p2), alg), "MalformedToken")
    f.add("b64-noncanonical-payload-3char",
          "payload's last char (2-byte remainder) has non-zero unused bits",
          signed(enc(hdr(alg)), noncanonical(p3), alg), "MalformedToken")
    h, p, s = t.split(".")
    f.add("b64-noncanonical-signature-hs256",
          "HS256 signature (32 bytes, 2-byte remainder): last char has non-zero unused bits",
          f"{h}.{p}.{noncanonical(s)}", "MalformedToken")
    rh, rp, rs = tok("RS256").split(".")
    f.add("b64-noncanonical-signature-rs256",
          "RS256 signature (256 bytes, 1-byte remainder): last char has non-zero unused bits",
          f"{rh}.{rp}.{noncanonical(rs)}", "MalformedToken", alg="RS256")
    eh, ep, es = tok("EdDSA").split(".")
    f.add("b64-noncanonical-signature-eddsa",
          "Ed25519 signature (64 bytes, 1-byte remainder): last char has non-zero unused bits",
          f"{eh}.{ep}.{noncanonical(es)}", "MalformedToken", alg="EdDSA")

    # Characters outside the alphabet: whitespace, line breaks, non-ASCII, NUL.
    f.add("b64-space-in-payload", "a space inside the payload segment (signed over it)",
          signed(h, p[:20] + " " + p[20:], alg), "MalformedToken")
    f.add("b64-newline-between-segments", "line break after the first dot",
          f"{h}.\n{p}.{s}", "MalformedToken")
    f.add("b64-trailing-newline", "valid token followed by a newline", t + "\n", "MalformedToken")
    f.add("b64-leading-space", "valid token preceded by a space", " " + t, "MalformedToken")
    f.add("b64-crlf-in-signature", "CRLF line break inside the signature segment",
          f"{h}.{p}.{s[:20]}\r\n{s[20:]}", "MalformedToken")
    f.add("b64-tab-in-header", "a tab inside the header segment (signed over it)",
          signed(h[:8] + "\t" + h[8:], p, alg), "MalformedToken")
    f.add("b64-non-ascii-char", "a non-ASCII character (U+00E9) inside the payload segment",
          signed(h, p[:12] + "\u00e9" + p[12:], alg), "MalformedToken")
    f.add("b64-nul-char", "a NUL character appended to the signature segment",
          t + "\u0000", "MalformedToken")
    f.add("b64-illegal-char-in-signature", "'*' inside the signature segment",
          f"{h}.{p}.{s[:10]}*{s[11:]}", "MalformedToken")


def gen_header_json(f):
    alg = "HS256"
    p = enc(CLAIMS)

    def case(id, description, header_text, expected="MalformedToken"):
        # Header given as exact JSON text (str) or bytes; always correctly signed with HS256.
        f.add(id, description, signed(enc(header_text), p, alg), expected)

    case("header-not-json", "header is truncated JSON", '{"alg":"HS256"')
    case("header-trailing-garbage", "header JSON object followed by extra characters",
         '{"alg":"HS256"}x')
    case("header-trailing-comma", "header JSON has a trailing comma", '{"alg":"HS256",}')
    case("header-single-quotes", "header uses single quotes (not JSON)", "{'alg':'HS256'}")
    case("header-json-array", "header is a JSON array, not an object", '["HS256"]')
    case("header-json-string", "header is a JSON string, not an object", '"HS256"')
    case("header-json-null", "header is JSON null", "null")
    case("header-json-number", "header is a JSON number", "256")
    case("header-invalid-utf8", "header contains byte 0xFF inside a string (invalid UTF-8)",
         b'{"alg":"HS256","typ":"JWT\xff"}')
    case("header-overlong-utf8", "header contains an overlong UTF-8 encoding of '/' (C0 AF)",
         b'{"alg":"HS256","kid":"a\xc0\xafb"}')
    case("header-utf8-surrogate", "header contains a UTF-8 encoded surrogate (ED A0 80)",
         b'{"alg":"HS256","kid":"\xed\xa0\x80"}')
    # Duplicates: an alg confusion waiting to happen if two parsers pick different members.
    case("header-duplicate-alg-same", "header repeats alg with the same value",
         '{"alg":"HS256","alg":"HS256"}')
    case("header-duplicate-alg-none-first", "header has alg none then alg HS256",
         '{"alg":"none","alg":"HS256"}')
    case("header-duplicate-alg-hs256-first", "header has alg HS256 then alg none",
         '{"alg":"HS256","alg":"none"}')
    case("header-duplicate-alg-escaped",
         "header has alg and \\u0061lg (the same name once unescaped)",
         '{"alg":"HS256","\\u0061lg":"HS256"}')
    case("header-duplicate-typ", "header repeats typ", '{"alg":"HS256","typ":"JWT","typ":"JWT"}')
    case("header-duplicate-nested-jwk", "duplicate member inside the nested jwk object",
         '{"alg":"HS256","jwk":{"kty":"oct","kty":"RSA"}}')
    case("header-duplicate-unknown-member", "duplicate unregistered header member",
         '{"alg":"HS256","x":1,"x":2}')
    # Registered parameters with the wrong JSON type.
    case("header-typ-number", "typ is a number", '{"alg":"HS256","typ":1}')
    case("header-typ-array", "typ is an array", '{"alg":"HS256","typ":["JWT"]}')
    case("header-kid-number", "kid is a number", '{"alg":"HS256","kid":123}')
    case("header-kid-null", "kid is null (not a string)", '{"alg":"HS256","kid":null}')
    case("header-cty-bool", "cty is a boolean", '{"alg":"HS256","cty":true}')
    case("header-alg-number", "alg is a number, not a string", '{"alg":256}')
    case("header-alg-array", "alg is an array, not a string", '{"alg":["HS256"]}')
    case("header-alg-object", "alg is an object, not a string", '{"alg":{"name":"HS256"}}')
    case("header-alg-null", "alg is null (not a string)", '{"alg":null}')
    # Whitespace around a JSON object is still valid JSON.
    case("header-json-whitespace-valid",
         "header JSON with insignificant whitespace and newlines is a valid JSON object",
         '\n { "alg" : "HS256" ,\t"typ" : "JWT" } \n', "valid")


def gen_extra_header(f):
    attacker_jwk = {"kty": "OKP", "crv": "Ed25519",
                    "x": b64u(ED_OTHER.public_key().public_bytes(
                        serialization.Encoding.Raw, serialization.PublicFormat.Raw))}
    f.add("header-extra-members-ignored",
          "kid, jku, x5u, jwk (object), x5c, x5t and an unknown member are all ignored",
          tok(header=hdr("HS256", kid="key-1", jku="https://attacker.example/jwks.json",
                         x5u="https://attacker.example/cert.pem", jwk=attacker_jwk,
                         x5c=["MIIBAA=="], x5t="AAAA", foo={"bar": [1, 2]})), "valid")
    f.add("header-extra-members-eddsa",
          "EdDSA token whose header embeds another key as jwk: ignored, configured key used",
          tok("EdDSA", header=hdr("EdDSA", jwk=attacker_jwk, kid="../../dev/null")),
          "valid", alg="EdDSA")
    f.add("header-no-typ", "header with only alg (typ is optional)",
          tok(header={"alg": "HS256"}), "valid")
    f.add("header-cty-string", "cty with a string value is fine",
          tok(header=hdr("HS256", cty="example")), "valid")


def gen_crit(f):
    def case(id, description, extra, expected="UnsupportedCriticalHeader"):
        h = {"alg": "HS256"}
        h.update(extra)
        f.add(id, description, tok(header=h), expected)

    case("crit-unknown-present", "crit names an extension 'foo' that is present",
         {"crit": ["foo"], "foo": 1})
    case("crit-unknown-absent", "crit names 'foo' that is absent from the header",
         {"crit": ["foo"]})
    case("crit-empty-array", "crit is an empty array (forbidden by RFC 7515 4.1.11)",
         {"crit": []})
    case("crit-not-array", "crit is a string instead of an array", {"crit": "foo", "foo": 1})
    case("crit-number-member", "crit contains a number", {"crit": [1]})
    case("crit-names-alg", "crit names the registered parameter alg", {"crit": ["alg"]})
    case("crit-names-exp-in-header", "crit names 'exp' carried in the header",
         {"crit": ["exp"], "exp": NOW + 900})
    case("crit-b64-false", "RFC 7797 unencoded payload: b64 false listed in crit",
         {"b64": False, "crit": ["b64"]})
    case("crit-b64-true", "b64 true listed in crit: still a crit the verifier does not process",
         {"b64": True, "crit": ["b64"]})
    case("b64param-false-without-crit", "b64 false without crit is still refused",
         {"b64": False})
    case("b64param-string-false", "b64 is the string \"false\" (not the JSON value true)",
         {"b64": "false"})
    case("b64param-true-without-crit-valid", "b64 true without crit changes nothing: valid",
         {"b64": True}, "valid")


def gen_typ(f):
    def case(id, description, token_typ, required_typ, expected):
        h = {"alg": "HS256"}
        if token_typ is not None:
            h["typ"] = token_typ
        f.add(id, description, tok(header=h), expected,
              validation=dict(STD_VALIDATION, typ=required_typ))

    case("typ-exact", "typ JWT required and present", "JWT", "JWT", "valid")
    case("typ-lowercase", "typ 'jwt' matches required 'JWT' case-insensitively",
         "jwt", "JWT", "valid")
    case("typ-application-prefix-token", "token typ 'application/jwt' matches required 'JWT'",
         "application/jwt", "JWT", "valid")
    case("typ-application-prefix-required",
         "required 'application/JWT' matches token typ 'JWT'", "JWT", "application/JWT", "valid")
    case("typ-application-prefix-uppercase",
         "token 'APPLICATION/AT+JWT' matches required 'at+jwt'", "APPLICATION/AT+JWT",
         "at+jwt", "valid")
    case("typ-mismatch", "typ 'JOSE' where 'JWT' is required", "JOSE", "JWT", "InvalidType")
    case("typ-at-jwt-vs-jwt", "typ 'at+jwt' where 'JWT' is required", "at+jwt", "JWT",
         "InvalidType")
    case("typ-missing", "typ absent where 'JWT' is required", None, "JWT", "InvalidType")
    case("typ-trailing-space", "typ 'JWT ' (trailing space) is not 'JWT'", "JWT ", "JWT",
         "InvalidType")
    case("typ-other-prefix", "typ 'text/jwt': only application/ is optional", "text/jwt",
         "JWT", "InvalidType")
    case("typ-prefix-stripped-once",
         "typ 'application/application/jwt': the prefix is stripped once, leaving "
         "'application/jwt' which is not 'jwt'", "application/application/jwt", "jwt",
         "InvalidType")
    f.add("typ-not-required", "no typ configured: any typ value is accepted",
          tok(header={"alg": "HS256", "typ": "something/else"}), "valid")


def gen_structure():
    f = CaseFile("structure")
    gen_size(f)
    gen_segments(f)
    gen_base64(f)
    gen_header_json(f)
    gen_extra_header(f)
    gen_crit(f)
    gen_typ(f)
    return f


# --------------------------------------------------------------------------------------------
# algorithms.json: each algorithm valid, alg none, unsupported algs, allow-list
# --------------------------------------------------------------------------------------------


def gen_valid_per_alg(f):
    for alg in ["HS256", "HS384", "HS512"]:
        f.add(f"{alg.lower()}-valid-b64u",
              f"{alg} token, {len(HS_SECRET[alg])}-byte secret given as secret_b64u",
              tok(alg), "valid", alg=alg)
        f.add(f"{alg.lower()}-valid-utf8",
              f"{alg} token, {len(HS_SECRET[alg])}-byte secret given as secret_utf8",
              tok(alg, key=UTF8_SECRET[alg].encode()), "valid", alg=alg,
              key=k_utf8(UTF8_SECRET[alg]))
    f.add("hs256-valid-long-secret", "HS256 with a 64-byte secret (longer than needed)",
          tok("HS256", key=HS64), "valid", key=k_b64u(HS64))
    multibyte = "\u043a\u043b\u044e\u0447" * 4  # 16 Cyrillic characters = 32 UTF-8 bytes
    f.add("hs256-valid-utf8-multibyte",
          "secret_utf8 of 16 two-byte characters is 32 bytes: long enough for HS256",
          tok("HS256", key=multibyte.encode()), "valid", key=k_utf8(multibyte))
    for alg in ["RS256", "RS384", "RS512"]:
        f.add(f"{alg.lower()}-valid", f"{alg} token, 2048-bit SPKI public key",
              tok(alg), "valid", alg=alg)
    for alg in ["PS256", "PS384", "PS512"]:
        f.add(f"{alg.lower()}-valid",
              f"{alg} token (MGF1 with the same hash, salt as long as the hash), 2048-bit SPKI "
              "public key", tok(alg), "valid", alg=alg)
    f.add("es256-valid", "ES256 token (r || s, 64 bytes), P-256 SPKI public key", tok("ES256"),
          "valid", alg="ES256")
    f.add("es384-valid", "ES384 token (r || s, 96 bytes), P-384 SPKI public key", tok("ES384"),
          "valid", alg="ES384")
    f.add("eddsa-valid", "EdDSA (Ed25519) token, SPKI public key", tok("EdDSA"), "valid",
          alg="EdDSA")


def gen_alg_none(f):
    sig_input = f"{enc(hdr('none'))}.{enc(CLAIMS)}".encode()
    hs_sig = b64u(sign("HS256", sig_input, HS32))
    # ids name the spelling without relying on case, so they stay unique case-insensitively
    for spelling, name in [("none", "lower"), ("None", "title"), ("NONE", "upper"),
                           ("nOnE", "mixed")]:
        h = enc({"alg": spelling, "typ": "JWT"})
        f.add(f"alg-none-{name}-no-signature", f"alg '{spelling}' with an empty signature",
              f"{h}.{enc(CLAIMS)}.", "InvalidAlgorithm")
        f.add(f"alg-none-{name}-with-signature",
              f"alg '{spelling}' carrying an HMAC signature made with the verifier's secret",
              f"{h}.{enc(CLAIMS)}.{hs_sig}", "InvalidAlgorithm")
    f.add("alg-none-all-algs-allowed",
          "alg none is refused even when every supported algorithm is allowed",
          f"{enc(hdr('none'))}.{enc(CLAIMS)}.", "InvalidAlgorithm", algorithms=ALL_ALGS)
    f.add("alg-none-rsa-key", "alg none offered to a verifier holding an RSA key",
          f"{enc(hdr('none'))}.{enc(CLAIMS)}.", "InvalidAlgorithm", alg="RS256")


def gen_alg_unsupported(f):
    for id, spelling, why in [
        ("empty", "", "empty alg"),
        ("hs256-lower", "hs256", "lower-case hs256 (alg is case-sensitive)"),
        ("hs256-mixed", "Hs256", "mixed-case Hs256"),
        ("hs256-space", "HS256 ", "HS256 with a trailing space"),
        ("es512", "ES512", "ECDSA on P-521, not implemented"),
        ("es256k", "ES256K", "ECDSA on secp256k1 (RFC 8812), not implemented"),
        ("ps256-lower", "ps256", "lower-case ps256"),
        ("es256-mixed", "Es256", "mixed-case Es256"),
        ("hs1", "HS1", "made-up HS1"),
        ("ed25519", "Ed25519", "curve name instead of EdDSA"),
        ("eddsa-lower", "eddsa", "lower-case eddsa"),
        ("rsa-oaep", "RSA-OAEP", "a JWE key-management algorithm"),
    ]:
        # Signed with HMAC-SHA256 and the verifier's secret, so only alg is wrong.
        token = signed(enc({"alg": spelling, "typ": "JWT"}), enc(CLAIMS), "HS256")
        f.add(f"alg-unsupported-{id}", f"alg '{spelling}' ({why}) is refused", token,
              "InvalidAlgorithm", algorithms=["HS256", "RS256", "EdDSA"])
    f.add("alg-missing", "header without alg", tok(header={"typ": "JWT"}), "InvalidAlgorithm")


def gen_allow_list(f):
    f.add("allow-hs256-not-allowed-hs384", "HS256 token, only HS384 allowed (key fits both)",
          tok("HS256", key=HS64), "InvalidAlgorithm", algorithms=["HS384"], key=k_b64u(HS64))
    f.add("allow-hs512-not-allowed-hs256", "HS512 token, only HS256 allowed",
          tok("HS512"), "InvalidAlgorithm", algorithms=["HS256"], key=k_b64u(HS64))
    f.add("allow-rs256-not-allowed", "RS256 token, only RS512 allowed", tok("RS256"),
          "InvalidAlgorithm", alg="RS256", algorithms=["RS512"])
    f.add("allow-rs256-only-hmac-allowed", "RS256 token with RSA key, only HS256 allowed",
          tok("RS256"), "InvalidAlgorithm", alg="RS256", algorithms=["HS256"])
    f.add("allow-eddsa-not-allowed", "EdDSA token, only RS256 allowed", tok("EdDSA"),
          "InvalidAlgorithm", alg="EdDSA", algorithms=["RS256"])
    f.add("allow-several-hmac", "HS384 token, allow-list [HS512, HS384, HS256]",
          tok("HS384"), "valid", alg="HS384", algorithms=["HS512", "HS384", "HS256"])
    f.add("allow-several-rsa", "RS384 token, allow-list of all RSA algs and EdDSA",
          tok("RS384"), "valid", alg="RS384", algorithms=["RS256", "RS384", "RS512", "EdDSA"])
    f.add("allow-several-mixed", "EdDSA token, allow-list [HS256, RS256, EdDSA]",
          tok("EdDSA"), "valid", alg="EdDSA", algorithms=["HS256", "RS256", "EdDSA"])
    # One RSA key serves RS* and PS*: the allow-list decides.
    f.add("allow-ps256-only-rs256-allowed", "PS256 token with the RSA key, only RS256 allowed",
          tok("PS256"), "InvalidAlgorithm", alg="PS256", algorithms=["RS256"])
    f.add("allow-rs256-only-ps256-allowed", "RS256 token with the RSA key, only PS256 allowed",
          tok("RS256"), "InvalidAlgorithm", alg="RS256", algorithms=["PS256"])
    f.add("allow-rsa-both-paddings", "PS384 token with the RSA key, allow-list [RS384, PS384]",
          tok("PS384"), "valid", alg="PS384", algorithms=["RS384", "PS384"])
    f.add("allow-es384-only-es256-allowed", "ES384 token with the P-384 key, only ES256 allowed",
          tok("ES384"), "InvalidAlgorithm", alg="ES384", algorithms=["ES256"])
    f.add("allow-every-algorithm-es256", "ES256 token, every algorithm allowed", tok("ES256"),
          "valid", alg="ES256", algorithms=ALL_ALGS)


def gen_algorithms():
    f = CaseFile("algorithms")
    gen_valid_per_alg(f)
    gen_alg_none(f)
    gen_alg_unsupported(f)
    gen_allow_list(f)
    return f


# --------------------------------------------------------------------------------------------
# keys.json: PEM forms, key/algorithm binding, key strength, malformed keys
# --------------------------------------------------------------------------------------------


def gen_pem_forms(f):
    forms = [("spki", "rsa2048-public-spki"), ("pkcs1-public", "rsa2048-public-pkcs1"),
             ("pkcs8-private", "rsa2048-private-pkcs8"), ("pkcs1-private", "rsa2048-private-pkcs1")]
    for alg in ["RS256", "RS384", "RS512"]:
        for form, name in forms:
            f.add(f"key-{alg.lower()}-{form}", f"{alg} verified with the {name} PEM",
                  tok(alg), "valid", alg=alg, key=k_pem(name))
    f.add("key-rs256-3072-spki", "RS256 signed with the 3072-bit key, SPKI PEM",
          tok("RS256", key=RSA3072), "valid", alg="RS256", key=k_pem("rsa3072-public-spki"))
    f.add("key-rs512-3072-pkcs8-private", "RS512 with the 3072-bit key, PKCS#8 private PEM",
          tok("RS512", key=RSA3072), "valid", alg="RS512", key=k_pem("rsa3072-private-pkcs8"))
    f.add("key-eddsa-spki", "EdDSA verified with the SPKI public PEM", tok("EdDSA"), "valid",
          alg="EdDSA", key=k_pem("ed25519-public-spki"))
    for alg, curve in [("ES256", "p256"), ("ES384", "p384")]:
        for form, name in [("spki", f"{curve}-public-spki"),
                           ("pkcs8-private", f"{curve}-private-pkcs8"),
                           ("sec1-private", f"{curve}-private-sec1")]:
            f.add(f"key-{alg.lower()}-{form}", f"{alg} verified with the {name} PEM",
                  tok(alg), "valid", alg=alg, key=k_pem(name))
    for form, name in forms:
        f.add(f"key-ps256-{form}", f"PS256 verified with the {name} PEM", tok("PS256"),
              "valid", alg="PS256", key=k_pem(name))
    f.add("key-ps512-3072-spki", "PS512 signed with the 3072-bit key, SPKI PEM",
          tok("PS512", key=RSA3072), "valid", alg="PS512", key=k_pem("rsa3072-public-spki"))
    f.add("key-eddsa-pkcs8-private", "EdDSA verified with the PKCS#8 private PEM",
          tok("EdDSA"), "valid", alg="EdDSA", key=k_pem("ed25519-private-pkcs8"))


def gen_key_mismatch(f):
    # Key confusion (CVE-2015-9235 style): the attacker HMACs with the public PEM text.
    for name, other in [("rsa2048-public-spki", "RS256"), ("rsa2048-public-pkcs1", "RS256"),
                        ("ed25519-public-spki", "EdDSA"), ("p256-public-spki", "ES256"),
                        ("rsa2048-public-spki", "PS256")]:
        case_id = f"key-confusion-hs256-{name}" + ("-ps256" if other == "PS256" else "")
        f.add(case_id,
              f"HS256 token HMAC'd with the {name} PEM text as secret, verifier holds that PEM "
              f"and allows [HS256, {other}]",
              tok("HS256", key=PEM[name].encode()), "KeyAlgorithmMismatch",
              key=k_pem(name), algorithms=["HS256", other])
    f.add("key-mismatch-hs512-rsa-private", "HS512 token, RSA PKCS#8 private key",
          tok("HS512"), "KeyAlgorithmMismatch", key=k_pem("rsa2048-private-pkcs8"),
          algorithms=["HS512"])
    f.add("key-mismatch-rs256-hmac", "RS256 token, 32-byte HMAC secret", tok("RS256"),
          "KeyAlgorithmMismatch", key=k_b64u(HS32), algorithms=["RS256"])
    f.add("key-mismatch-rs256-hmac-pem-text",
          "RS256 token, the RSA public PEM text given as an HMAC secret (secret_utf8)",
          tok("RS256"), "KeyAlgorithmMismatch", key=k_utf8(PEM["rsa2048-public-spki"]),
          algorithms=["RS256"])
    f.add("key-mismatch-rs384-ed25519", "RS384 token, Ed25519 PKCS#8 private key",
          tok("RS384"), "KeyAlgorithmMismatch", key=k_pem("ed25519-private-pkcs8"),
          algorithms=["RS384"])
    f.add("key-mismatch-eddsa-hmac", "EdDSA token, 32-byte HMAC secret", tok("EdDSA"),
          "KeyAlgorithmMismatch", key=k_b64u(HS32), algorithms=["EdDSA"])
    f.add("key-mismatch-eddsa-rsa", "EdDSA token, RSA SPKI public key", tok("EdDSA"),
          "KeyAlgorithmMismatch", key=k_pem("rsa2048-public-spki"), algorithms=["EdDSA"])
    f.add("key-mismatch-eddsa-p256", "EdDSA token, EC P-256 SPKI key (another family)",
          tok("EdDSA"), "KeyAlgorithmMismatch", alg="EdDSA", key=k_pem("p256-public-spki"))
    f.add("key-mismatch-es256-rsa", "ES256 token, RSA SPKI public key", tok("ES256"),
          "KeyAlgorithmMismatch", key=k_pem("rsa2048-public-spki"), algorithms=["ES256"])
    f.add("key-mismatch-es256-hmac", "ES256 token, 32-byte HMAC secret", tok("ES256"),
          "KeyAlgorithmMismatch", key=k_b64u(HS32), algorithms=["ES256"])
    f.add("key-mismatch-es384-ed25519", "ES384 token, Ed25519 SPKI public key", tok("ES384"),
          "KeyAlgorithmMismatch", key=k_pem("ed25519-public-spki"), algorithms=["ES384"])
    f.add("key-mismatch-ps256-hmac", "PS256 token, 32-byte HMAC secret", tok("PS256"),
          "KeyAlgorithmMismatch", key=k_b64u(HS32), algorithms=["PS256"])
    f.add("key-mismatch-ps256-p256", "PS256 token, EC P-256 SPKI key", tok("PS256"),
          "KeyAlgorithmMismatch", key=k_pem("p256-public-spki"), algorithms=["PS256"])
    f.add("key-mismatch-rs256-p256-sec1", "RS256 token, EC P-256 SEC1 private key",
          tok("RS256"), "KeyAlgorithmMismatch", key=k_pem("p256-private-sec1"),
          algorithms=["RS256"])
    f.add("key-mismatch-hs256-p384-private", "HS256 token, EC P-384 PKCS#8 private key",
          tok("HS256"), "KeyAlgorithmMismatch", key=k_pem("p384-private-pkcs8"),
          algorithms=["HS256"])


def gen_key_strength(f):
    short31 = bytes(range(31))
    f.add("key-hs256-secret-31-bytes", "HS256 with a 31-byte secret (needs 32)",
          tok("HS256", key=short31), "InvalidKey", key=k_b64u(short31))
    f.add("key-hs256-secret-utf8-16-bytes", "HS256 with a 16-byte UTF-8 secret",
          tok("HS256", key=b"0123456789abcdef"), "InvalidKey", key=k_utf8("0123456789abcdef"))
    # 16 characters but only 31 bytes: the minimum is counted in bytes, not characters.
    text31 = "\u043a\u043b\u044e\u0447" * 3 + "\u043a\u043b\u044e" + "x"
    assert len(text31) == 16 and len(text31.encode()) == 31
    f.add("key-hs256-secret-utf8-31-bytes",
          "HS256 with a secret_utf8 of 16 characters that is only 31 UTF-8 bytes",
          tok("HS256", key=text31.encode()), "InvalidKey", key=k_utf8(text31))
    f.add("key-hs256-empty-secret", "HS256 with an empty secret",
          tok("HS256", key=b""), "InvalidKey", key=k_utf8(""))
    for alg, n in [("HS384", 32), ("HS384", 47), ("HS512", 48), ("HS512", 63)]:
        secret = bytes(range(180, 180 + n))
        f.add(f"key-{alg.lower()}-secret-{n}-bytes",
              f"{alg} with a {n}-byte secret (needs {len(HS_SECRET[alg])})",
              tok(alg, key=secret), "InvalidKey", alg=alg, key=k_b64u(secret))
    f.add("key-rs256-1024-spki", "RS256 signed and verified with a 1024-bit RSA key (SPKI)",
          tok("RS256", key=RSA1024), "InvalidKey", alg="RS256", key=k_pem("rsa1024-public-spki"))
    f.add("key-rs512-1024-pkcs8", "RS512 with a 1024-bit RSA PKCS#8 private key",
          tok("RS512", key=RSA1024), "InvalidKey", alg="RS512",
          key=k_pem("rsa1024-private-pkcs8"))
    f.add("key-ps256-1024-spki", "PS256 signed and verified with the 1024-bit RSA key (SPKI)",
          tok("PS256", key=RSA1024), "InvalidKey", alg="PS256", key=k_pem("rsa1024-public-spki"))
    # One curve, one algorithm: a key of the other curve is the wrong key, as a weak one is.
    f.add("key-es384-p256-spki",
          "ES384 token signed by the P-384 key, P-256 SPKI key configured, [ES256, ES384] "
          "allowed: wrong curve", tok("ES384"), "InvalidKey", key=k_pem("p256-public-spki"),
          algorithms=["ES256", "ES384"])
    f.add("key-es256-p384-sec1",
          "ES256 token signed by the P-256 key, P-384 SEC1 private key configured: wrong curve",
          tok("ES256"), "InvalidKey", key=k_pem("p384-private-sec1"), algorithms=["ES256"])
    f.add("key-es256-p521-spki", "ES256 token, EC P-521 SPKI key (unsupported curve)",
          tok("ES256"), "InvalidKey", alg="ES256", key=k_pem("p521-public-spki"))
    f.add("key-es256-secp256k1-spki",
          "ES256 token, secp256k1 SPKI key (coordinates of P-256's size, another curve)",
          tok("ES256"), "InvalidKey", alg="ES256", key=k_pem("secp256k1-public-spki"))
    f.add("key-eddsa-x25519", "EdDSA token, X25519 SPKI key (key-agreement curve)",
          tok("EdDSA"), "InvalidKey", alg="EdDSA", key=k_pem("x25519-public-spki"))


def gen_malformed_pem(f):
    spki = PEM["rsa2048-public-spki"]
    lines = spki.strip().split("\n")
    body = "".join(lines[1:-1])
    cases = [
        ("garbage-body", "PEM armour around bytes that are no key",
         "-----BEGIN PUBLIC KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PUBLIC KEY-----\n"),
        ("truncated", "SPKI PEM with its last body line removed",
         "\n".join(lines[:-2] + lines[-1:]) + "\n"),
        ("label-mismatch", "BEGIN PUBLIC KEY closed by END RSA PUBLIC KEY",
         spki.replace("-----END PUBLIC KEY-----", "-----END RSA PUBLIC KEY-----")),
        ("not-pem", "plain text that is not PEM", "this is not a key"),
        ("empty", "empty PEM string", ""),
        ("bad-base64", "PEM body with a '!' character",
         spki.replace(body[40:44], "!!!!", 1)),
        ("no-armour", "base64 SPKI body without BEGIN/END lines", body + "\n"),
    ]
    for id, description, pem in cases:
        f.add(f"key-pem-{id}", f"RS256 token, malformed key: {description}", tok("RS256"),
              "InvalidKey", alg="RS256", key={"pem": pem})
    ed_der = ED.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    ed_truncated = ("-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(ed_der[:-4]).decode()
                    + "\n-----END PUBLIC KEY-----\n")
    f.add("key-pem-ed25519-truncated",
          "EdDSA token, Ed25519 SPKI PEM whose DER lacks the last 4 key bytes",
          tok("EdDSA"), "InvalidKey", alg="EdDSA", key={"pem": ed_truncated})

    def pem(label, der):
        body = base64.b64encode(der).decode()
        lines = [body[i:i + 64] for i in range(0, len(body), 64)]
        return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"

    p256_spki = P256.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    # The point (04 || x || y) is the last 65 bytes: y + 1 leaves the curve.
    off_curve = p256_spki[:-1] + bytes([p256_spki[-1] ^ 1])
    f.add("key-pem-p256-point-off-curve",
          "ES256 token, P-256 SPKI PEM whose y coordinate is one off: not on the curve",
          tok("ES256"), "InvalidKey", alg="ES256", key={"pem": pem("PUBLIC KEY", off_curve)})
    sec1 = P256.private_bytes(serialization.Encoding.DER,
                              serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption())
    other_point = P256_OTHER.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    assert sec1[-65:] == P256.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    f.add("key-pem-p256-sec1-public-of-other-key",
          "ES256 token signed by the main P-256 key; SEC1 private key with its d but the other "
          "P-256 key's public point", tok("ES256"), "InvalidKey", alg="ES256",
          key={"pem": pem("EC PRIVATE KEY", sec1[:-65] + other_point)})
    f.add("key-pem-p256-sec1-truncated", "ES256 token, SEC1 EC PRIVATE KEY missing its last "
          "8 bytes", tok("ES256"), "InvalidKey", alg="ES256",
          key={"pem": pem("EC PRIVATE KEY", sec1[:-8])})


def gen_keys():
    f = CaseFile("keys")
    gen_pem_forms(f)
    gen_key_mismatch(f)
    gen_key_strength(f)
    gen_malformed_pem(f)
    return f


# --------------------------------------------------------------------------------------------
# signatures.json: HMAC, RSA and Ed25519 signatures that must not verify
# --------------------------------------------------------------------------------------------


def tamper_payload(token):
    h, _, s = token.split(".")
    return f"{h}.{enc(claims(sub='admin'))}.{s}"


def gen_hmac_signatures(f):
    t = tok("HS256")
    mac = raw_sig(t)
    bad = "InvalidSignature"
    f.add("sig-hs256-wrong-secret", "HS256 signed with a different 32-byte secret",
          tok("HS256", key=bytes(range(1, 33))), bad)
    f.add("sig-hs256-tampered-payload", "payload changed after signing", tamper_payload(t), bad)
    f.add("sig-hs256-tampered-header", "header changed (kid added) after signing",
          f"{enc(hdr('HS256', kid='x'))}.{t.split('.', 1)[1]}", bad)
    f.add("sig-hs256-truncated-31", "HS256 MAC with its last byte removed", with_sig(t, mac[:31]),
          bad)
    f.add("sig-hs256-truncated-16", "HS256 MAC truncated to 16 bytes", with_sig(t, mac[:16]), bad)
    f.add("sig-hs256-extended-33", "HS256 MAC with a zero byte appended",
          with_sig(t, mac + b"\x00"), bad)
    f.add("sig-hs256-empty", "HS256 token with an empty signature segment", with_sig(t, b""), bad)
    f.add("sig-hs256-all-zero", "HS256 signature of 32 zero bytes", with_sig(t, bytes(32)), bad)
    t512 = tok("HS512")
    f.add("sig-hs512-all-zero", "HS512 signature of 64 zero bytes", with_sig(t512, bytes(64)),
          bad, alg="HS512")
    # The same 64-byte secret fits both; header says HS384 but the MAC is HMAC-SHA256.
    h384 = enc(hdr("HS384"))
    f.add("sig-hs384-header-hs256-mac", "header says HS384, signature is an HMAC-SHA256",
          f"{h384}.{enc(CLAIMS)}.{b64u(sign('HS256', f'{h384}.{enc(CLAIMS)}'.encode(), HS64))}",
          bad, alg="HS384", key=k_b64u(HS64))
    f.add("sig-hs256-secret-as-b64-text",
          "HMAC keyed with the base64url text of the secret instead of its decoded bytes",
          tok("HS256", key=b64u(HS32).encode()), bad)
    other = tok("HS256", payload=claims(sub="someone_else"))
    f.add("sig-hs256-swapped", "signature taken from another token by the same key",
          with_sig(t, raw_sig(other)), bad)


def gen_rsa_signatures(f):
    bad = "InvalidSignature"
    t = tok("RS256")
    s = raw_sig(t)
    nlen = (RSA_N.bit_length() + 7) // 8

    def add(id, description, token, **kw):
        kw.setdefault("alg", "RS256")
        f.add(id, description, token, bad, **kw)

    add("sig-rs256-other-key", "RS256 signed by an unrelated 2048-bit key",
        tok("RS256", key=RSA_OTHER))
    add("sig-rs256-tampered-payload", "RS256 payload changed after signing", tamper_payload(t))
    add("sig-rs256-one-byte-short", "RS256 signature with its last byte removed (255 bytes)",
        with_sig(t, s[:-1]))
    add("sig-rs256-one-byte-long", "RS256 signature with a zero byte appended (257 bytes)",
        with_sig(t, s + b"\x00"))
    add("sig-rs256-leading-zero-prepended",
        "RS256 signature with 0x00 prepended: same integer, but 257 bytes",
        with_sig(t, b"\x00" + s))
    # A signature whose first byte is 0x00: dropping it keeps the integer but not the length.
    tz = find(lambda x: raw_sig(x)[0] == 0, lambda i: tok("RS256", payload=claims(jti=f"z{i}")))
    add("sig-rs256-leading-zero-stripped",
        "valid RS256 signature starting with 0x00, sent without that byte (255 bytes)",
        with_sig(tz, raw_sig(tz)[1:]))
    add("sig-rs256-equals-n", "RS256 signature equal to the modulus n (s >= n)",
        with_sig(t, RSA_N.to_bytes(nlen, "big")))
    add("sig-rs256-equals-n-plus-1", "RS256 signature equal to n + 1 (s >= n)",
        with_sig(t, (RSA_N + 1).to_bytes(nlen, "big")))
    # s + n is congruent to a valid s mod n: accepted only by code that reduces mod n.
    tn = find(lambda x: int.from_bytes(raw_sig(x), "big") + RSA_N < 2 ** (8 * nlen),
              lambda i: tok("RS256", payload=claims(jti=f"n{i}")))
    add("sig-rs256-s-plus-n", "valid RS256 signature s replaced by s + n (same residue, s >= n)",
        with_sig(tn, (int.from_bytes(raw_sig(tn), "big") + RSA_N).to_bytes(nlen, "big")))
    add("sig-rs256-all-zero", "RS256 signature of 256 zero bytes", with_sig(t, bytes(nlen)))
    add("sig-rs256-all-ff", "RS256 signature of 256 0xFF bytes (s >= n)",
        with_sig(t, b"\xff" * nlen))
    add("sig-rs256-one", "RS256 signature equal to the integer 1",
        with_sig(t, (1).to_bytes(nlen, "big")))
    add("sig-rs256-empty", "RS256 token with an empty signature", with_sig(t, b""))
    h = enc(hdr("RS256"))
    si = f"{h}.{enc(CLAIMS)}".encode()
    add("sig-rs256-header-rs512-signature", "header says RS256, signature is PKCS#1 v1.5 SHA-512",
        f"{h}.{enc(CLAIMS)}.{b64u(RSA.sign(si, padding.PKCS1v15(), hashes.SHA512()))}")
    pss = RSA.sign(si, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=0),
                   hashes.SHA256())  # salt length 0 keeps it deterministic
    add("sig-rs256-pss-signature", "header says RS256, signature is RSA-PSS SHA-256",
        f"{h}.{enc(CLAIMS)}.{b64u(pss)}")
    add("sig-rs256-3072-sig-2048-key", "RS256 signed by the 3072-bit key, 2048-bit key configured",
        tok("RS256", key=RSA3072))
    add("sig-rs256-jku-attacker", "header points jku/kid at an attacker, token signed by the "
        "attacker's key: the configured key decides",
        tok("RS256", header=hdr("RS256", jku="https://attacker.example/jwks.json", kid="evil"),
            key=RSA_OTHER))
    add("sig-rs384-with-pkcs1-public", "RS384 signed by another key, PKCS#1 public key configured",
        tok("RS384", key=RSA_OTHER), alg="RS384", key=k_pem("rsa2048-public-pkcs1"))


def gen_ed25519_signatures(f):
    bad = "InvalidSignature"
    t = tok("EdDSA")
    s = raw_sig(t)
    r, sc = s[:32], int.from_bytes(s[32:], "little")

    def add(id, description, token, **kw):
        kw.setdefault("alg", "EdDSA")
        f.add(id, description, token, bad, **kw)

    add("sig-eddsa-other-key", "EdDSA signed by an unrelated Ed25519 key",
        tok("EdDSA", key=ED_OTHER))
    add("sig-eddsa-tampered-payload", "EdDSA payload changed after signing", tamper_payload(t))
    add("sig-eddsa-all-zero", "Ed25519 signature of 64 zero bytes", with_sig(t, bytes(64)))
    add("sig-eddsa-s-plus-l", "Ed25519 signature with S replaced by S + L (malleability, S >= L)",
        with_sig(t, r + (sc + ED25519_L).to_bytes(32, "little")))
    add("sig-eddsa-s-equals-l", "Ed25519 signature with S = L",
        with_sig(t, r + ED25519_L.to_bytes(32, "little")))
    add("sig-eddsa-63-bytes", "Ed25519 signature with its last byte removed", with_sig(t, s[:-1]))
    add("sig-eddsa-65-bytes", "Ed25519 signature with a zero byte appended",
        with_sig(t, s + b"\x00"))
    add("sig-eddsa-empty", "EdDSA token with an empty signature", with_sig(t, b""))
    add("sig-eddsa-flipped-r", "Ed25519 signature with one bit of R flipped",
        with_sig(t, bytes([s[0] ^ 1]) + s[1:]))
    attacker_jwk = {"kty": "OKP", "crv": "Ed25519",
                    "x": b64u(ED_OTHER.public_key().public_bytes(
                        serialization.Encoding.Raw, serialization.PublicFormat.Raw))}
    add("sig-eddsa-embedded-jwk-attacker",
        "token signed by the attacker's key and embedding it as header jwk: must not be used",
        tok("EdDSA", header=hdr("EdDSA", jwk=attacker_jwk), key=ED_OTHER))
    add("sig-eddsa-private-pem-other-key", "EdDSA signed by another key, PKCS#8 private PEM "
        "configured", tok("EdDSA", key=ED_OTHER), key=k_pem("ed25519-private-pkcs8"))


def ecdsa_der(signature):
    """The JOSE signature r || s in ASN.1 DER (the X.509 form)."""
    width = len(signature) // 2
    r = int.from_bytes(signature[:width], "big")
    s = int.from_bytes(signature[width:], "big")
    return utils.encode_dss_signature(r, s)


def gen_ecdsa_signatures(f):
    bad = "InvalidSignature"
    for alg, n, other in [("ES256", P256_N, P256_OTHER), ("ES384", P384_N, None)]:
        width = ES_HASH[alg][1]
        low = alg.lower()
        t = tok(alg)
        s = raw_sig(t)
        r, sv = int.from_bytes(s[:width], "big"), int.from_bytes(s[width:], "big")

        def rs(r_value, s_value):
            return r_value.to_bytes(width, "big") + s_value.to_bytes(width, "big")

        def add(id, description, token, **kw):
            kw.setdefault("alg", alg)
            f.add(f"sig-{low}-{id}", f"{alg}: {description}", token, bad, **kw)

        if other is not None:
            add("other-key", "signed by an unrelated key of the same curve", tok(alg, key=other))
        add("tampered-payload", "payload changed after signing", tamper_payload(t))
        add("der", "the same signature in ASN.1 DER instead of r || s", with_sig(t, ecdsa_der(s)))
        add("r-s-zero", "r = s = 0 (CVE-2022-21449, psychic signatures)", with_sig(t, rs(0, 0)))
        add("r-zero", "r = 0", with_sig(t, rs(0, sv)))
        add("s-zero", "s = 0", with_sig(t, rs(r, 0)))
        add("r-equals-n", "r = n, the group order", with_sig(t, rs(n, sv)))
        add("s-equals-n", "s = n, the group order", with_sig(t, rs(r, n)))
        # r + n and s + n, the same residues, need a byte more than the width (n is within
        # 2^224 of 2^256 and 2^190 of 2^384): the length check refuses them.
        add("all-ff", f"signature of {2 * width} 0xFF bytes (r, s >= n)",
            with_sig(t, b"\xff" * (2 * width)))
        add("one-byte-short", f"signature of {2 * width - 1} bytes", with_sig(t, s[:-1]))
        add("one-byte-long", f"signature with a zero byte appended ({2 * width + 1} bytes)",
            with_sig(t, s + b"\x00"))
        add("empty", "empty signature", with_sig(t, b""))
        add("r-s-swapped", "s || r instead of r || s", with_sig(t, s[width:] + s[:width]))
        f.add(f"sig-{low}-high-s-valid",
              f"{alg}: s replaced by n - s, the other valid signature (JOSE does not require "
              "low-S)", with_sig(t, rs(r, n - sv)), "valid", alg=alg)
    # Each curve's signature under the other curve's header: the width is wrong.
    t256, t384 = tok("ES256"), tok("ES384")
    f.add("sig-es256-header-es384-signature",
          "header says ES256, signature is a 96-byte ES384 one over the same input",
          with_sig(t256, sign("ES384", t256.rsplit(".", 1)[0].encode(), P384)), bad,
          alg="ES256")
    f.add("sig-es384-header-es256-signature",
          "header says ES384, signature is a 64-byte ES256 one over the same input",
          with_sig(t384, sign("ES256", t384.rsplit(".", 1)[0].encode(), P256)), bad,
          alg="ES384")
    f.add("sig-es256-embedded-jwk-attacker",
          "token signed by the attacker's P-256 key and embedding it as header jwk",
          tok("ES256", header=hdr("ES256", jwk=jwk_ec(P256_OTHER)), key=P256_OTHER), bad,
          alg="ES256")


def gen_pss_signatures(f):
    bad = "InvalidSignature"
    nlen = (RSA_N.bit_length() + 7) // 8

    def add(id, description, token, alg="PS256", **kw):
        f.add(id, description, token, bad, alg=alg, **kw)

    def pss_token(alg, **options):
        header, payload = enc(hdr(alg)), enc(CLAIMS)
        signature = pss_sign(RSA, f"{header}.{payload}".encode(), alg, **options)
        return f"{header}.{payload}.{b64u(signature)}"

    t = tok("PS256")
    s = raw_sig(t)
    add("sig-ps256-other-key", "PS256 signed by an unrelated 2048-bit key",
        tok("PS256", key=RSA_OTHER))
    add("sig-ps256-tampered-payload", "PS256 payload changed after signing", tamper_payload(t))
    for alg, salts in [("PS256", [0, 20, 31, 33, 48, 64]), ("PS384", [32, 64]),
                       ("PS512", [32, 48])]:
        for salt_len in salts:
            add(f"sig-{alg.lower()}-salt-{salt_len}",
                f"{alg} signature with a {salt_len}-byte salt (RFC 7518 3.5 fixes it to the "
                "hash length): valid RSASSA-PSS, not this algorithm",
                pss_token(alg, salt_len=salt_len), alg=alg)
    add("sig-ps256-mgf1-sha1", "PS256 signature whose MGF1 uses SHA-1",
        pss_token("PS256", mgf_hash=hashlib.sha1))
    add("sig-ps256-mgf1-sha512", "PS256 signature whose MGF1 uses SHA-512",
        pss_token("PS256", mgf_hash=hashlib.sha512))
    add("sig-ps256-trailer-bb", "PS256 encoding whose trailer byte is 0xBB instead of 0xBC",
        pss_token("PS256", trailer=0xBB))
    h = enc(hdr("PS256"))
    si = f"{h}.{enc(CLAIMS)}".encode()
    add("sig-ps256-pkcs1v15-signature", "header says PS256, signature is PKCS#1 v1.5 SHA-256",
        f"{h}.{enc(CLAIMS)}.{b64u(RSA.sign(si, padding.PKCS1v15(), hashes.SHA256()))}")
    h384 = enc(hdr("PS384"))
    si384 = f"{h384}.{enc(CLAIMS)}".encode()
    add("sig-ps384-header-ps256-signature", "header says PS384, signature is PS256 over the same "
        "input", f"{h384}.{enc(CLAIMS)}.{b64u(pss_sign(RSA, si384, 'PS256'))}", alg="PS384")
    add("sig-ps256-one-byte-short", "PS256 signature with its last byte removed",
        with_sig(t, s[:-1]))
    add("sig-ps256-leading-zero-prepended", "PS256 signature with 0x00 prepended (257 bytes)",
        with_sig(t, b"\x00" + s))
    add("sig-ps256-equals-n", "PS256 signature equal to the modulus n",
        with_sig(t, RSA_N.to_bytes(nlen, "big")))
    add("sig-ps256-all-zero", "PS256 signature of 256 zero bytes", with_sig(t, bytes(nlen)))
    add("sig-ps256-3072-sig-2048-key", "PS256 signed by the 3072-bit key, 2048-bit key "
        "configured", tok("PS256", key=RSA3072))
    f.add("sig-ps256-rsa-private-pkcs1-valid", "PS256 verified with the RSA PKCS#1 private PEM",
          t, "valid", alg="PS256", key=k_pem("rsa2048-private-pkcs1"))


def gen_signatures():
    f = CaseFile("signatures")
    gen_hmac_signatures(f)
    gen_rsa_signatures(f)
    gen_pss_signatures(f)
    gen_ecdsa_signatures(f)
    gen_ed25519_signatures(f)
    return f


# --------------------------------------------------------------------------------------------
# claims.json: payload JSON, claim types, time claims, iss/sub/aud, required, max_age
# --------------------------------------------------------------------------------------------


def gen_payload_json(f):
    def case(id, description, payload_text, expected="MalformedToken"):
        f.add(id, description, signed(enc(hdr("HS256")), enc(payload_text), "HS256"), expected)

    case("payload-not-json", "validly signed payload that is not JSON", "hello world")
    case("payload-truncated-json", "validly signed payload: truncated JSON object",
         '{"sub":"user_123","exp":1700000900')
    case("payload-json-array", "payload is a JSON array", '[{"exp":1700000900}]')
    case("payload-json-string", "payload is a JSON string", '"eyJ"')
    case("payload-json-null", "payload is JSON null", "null")
    case("payload-json-number", "payload is a JSON number", "1700000900")
    case("payload-nan", "payload contains NaN, which is not JSON",
         '{"sub":"user_123","iat":1699999940,"exp":1700000900,"x":NaN}')
    case("payload-invalid-utf8", "payload has byte 0xFF in a string (invalid UTF-8)",
         b'{"sub":"user_\xff","iss":"https://auth.example.com","aud":"api","exp":1700000900}')
    case("payload-utf8-surrogate", "payload has a UTF-8 encoded surrogate (ED B0 80)",
         b'{"sub":"\xed\xb0\x80","iss":"https://auth.example.com","aud":"api","exp":1700000900}')
    case("payload-duplicate-exp",
         "payload repeats exp (valid, then expired) with a valid signature",
         '{"sub":"user_123","iss":"https://auth.example.com","aud":"api",'
         '"exp":1700000900,"exp":1600000000}')
    case("payload-duplicate-sub", "payload repeats sub",
         '{"sub":"user_123","sub":"admin","iss":"https://auth.example.com","aud":"api",'
         '"exp":1700000900}')
    case("payload-duplicate-nested", "duplicate member inside a nested object claim",
         '{"sub":"user_123","iss":"https://auth.example.com","aud":"api","exp":1700000900,'
         '"ctx":{"role":"user","role":"admin"}}')
    case("payload-duplicate-in-array", "duplicate member inside an object within an array",
         '{"sub":"user_123","iss":"https://auth.example.com","aud":"api","exp":1700000900,'
         '"list":[{"a":1},{"a":1,"a":2}]}')
    case("payload-duplicate-escaped", "payload has exp and \\u0065xp (same name once unescaped)",
         '{"sub":"user_123","iss":"https://auth.example.com","aud":"api",'
         '"exp":1700000900,"\\u0065xp":1600000000}')
    case("payload-whitespace-valid",
         "payload JSON with insignificant whitespace around and inside is a valid object",
         ' \n{ "sub" : "user_123", "iss" : "https://auth.example.com", "aud" : "api",\n'
         '  "exp" : 1700000900 }\r\n', "valid")
    f.add("payload-unicode-valid", "non-ASCII UTF-8 in claims is fine",
          tok(payload=claims(sub="Zo\u00eb \U0001F44B", name="\u7530\u4e2d")), "valid")
    f.add("payload-unknown-claims-valid", "unregistered claims of any type are ignored",
          tok(payload=dict(CLAIMS, extra={"a": [1, None, True]}, nullable=None,
                           roles=["a", "b"], n=1.5)), "valid")


def gen_claim_types(f):
    bad = "MalformedToken"
    for id, description, change in [
        ("exp-string", "exp is a string", {"exp": str(NOW + 900)}),
        ("exp-null", "exp is null", {"exp": None}),
        ("exp-bool", "exp is a boolean", {"exp": True}),
        ("exp-array", "exp is an array", {"exp": [NOW + 900]}),
        ("nbf-string", "nbf is a string", {"nbf": "yesterday"}),
        ("iat-null", "iat is null", {"iat": None}),
        ("iat-object", "iat is an object", {"iat": {"t": NOW}}),
        ("iss-number", "iss is a number", {"iss": 42}),
        ("iss-null", "iss is null", {"iss": None}),
        ("sub-bool", "sub is a boolean", {"sub": True}),
        ("jti-number", "jti is a number", {"jti": 7}),
        ("aud-number", "aud is a number", {"aud": 1}),
        ("aud-object", "aud is an object", {"aud": {"api": True}}),
        ("aud-null", "aud is null", {"aud": None}),
        ("aud-array-number", "aud is an array holding a number", {"aud": [1]}),
        ("aud-array-mixed", "aud is an array of a string and null", {"aud": ["api", None]}),
    ]:
        payload = dict(CLAIMS)
        payload.update(change)  # None here means JSON null, not removal
        f.add(f"claim-type-{id}", f"{description}: wrong JSON type for a registered claim",
              tok(payload=payload), bad)
    f.add("claim-type-iss-number-no-issuer-configured",
          "iss is a number and no issuer is configured: still a malformed registered claim",
          tok(payload=dict(BARE, iss=42)), bad, validation={})


def gen_time_claims(f):
    def case(id, description, expected, validation=None, **changes):
        v = dict(STD_VALIDATION)
        v.update(validation or {})
        f.add(id, description, tok(payload=claims(**changes)), expected, validation=v)

    case("exp-future", "exp 900 s ahead", "valid")
    case("exp-past", "exp 900 s in the past", "Expired", exp=NOW - 900)
    case("exp-equals-now", "exp == now: expired (on or after exp)", "Expired", exp=NOW)
    case("exp-now-plus-one", "exp == now + 1: still valid", "valid", exp=NOW + 1)
    case("exp-plus-leeway-equals-now", "exp + leeway == now (exp now-30, leeway 30): expired",
         "Expired", {"leeway": 30}, exp=NOW - 30)
    case("exp-within-leeway", "exp 29 s ago with leeway 30: valid", "valid", {"leeway": 30},
         exp=NOW - 29)
    case("exp-float-future", "exp is a non-integer number half a second ahead", "valid",
         exp=NOW + 0.5)
    case("exp-float-past", "exp is a non-integer number 0.1 s in the past", "Expired",
         exp=NOW - 0.1)
    case("exp-float-equals-now", "exp is 1700000000.0 (a float equal to now)", "Expired",
         exp=float(NOW))
    # json.dumps never writes exponents for these values, so spell the JSON text by hand.
    f.add("exp-exponent-notation", "exp written as 1.7000009e9 (exponent form, 900 s ahead)",
          signed(enc(hdr("HS256")), enc(
              '{"sub":"user_123","iss":"https://auth.example.com","aud":"api",'
              '"iat":1699999940,"exp":1.7000009e9}'), "HS256"), "valid")
    f.add("exp-exponent-notation-past", "exp written as 1.6999991E9 (exponent form, 900 s ago)",
          signed(enc(hdr("HS256")), enc(
              '{"sub":"user_123","iss":"https://auth.example.com","aud":"api",'
              '"iat":1699999000,"exp":1.6999991E9}'), "HS256"), "Expired")
    case("exp-zero", "exp 0", "Expired", exp=0)
    case("exp-negative", "exp negative", "Expired", exp=-1)
    case("nbf-equals-now", "nbf == now: valid", "valid", nbf=NOW)
    case("nbf-future", "nbf 100 s ahead", "NotYetValid", nbf=NOW + 100)
    case("nbf-now-plus-one", "nbf == now + 1", "NotYetValid", nbf=NOW + 1)
    case("nbf-within-leeway", "nbf == now + leeway (30): valid", "valid", {"leeway": 30},
         nbf=NOW + 30)
    case("nbf-beyond-leeway", "nbf == now + leeway + 1", "NotYetValid", {"leeway": 30},
         nbf=NOW + 31)
    case("nbf-float-future", "nbf half a second ahead", "NotYetValid", nbf=NOW + 0.5)
    case("nbf-past", "nbf in the past", "valid", nbf=NOW - 100)
    case("iat-equals-now", "iat == now: valid", "valid", iat=NOW)
    case("iat-future", "iat one second in the future", "ImmatureIssuedAt", iat=NOW + 1)
    case("iat-equals-now-plus-leeway", "iat == now + leeway (30): valid", "valid",
         {"leeway": 30}, iat=NOW + 30)
    case("iat-beyond-leeway", "iat == now + leeway + 1", "ImmatureIssuedAt", {"leeway": 30},
         iat=NOW + 31)
    case("iat-float-future", "iat a quarter second in the future", "ImmatureIssuedAt",
         iat=NOW + 0.25)
    case("iat-absent-ok", "iat absent and not required: valid", "valid", iat=None)
    case("max-age-exact", "now - iat == max_age (300): valid", "valid", {"max_age": 300},
         iat=NOW - 300)
    case("max-age-exceeded", "now - iat == max_age + 1", "TooOld", {"max_age": 300},
         iat=NOW - 301)
    case("max-age-within-leeway", "now - iat == max_age + leeway: valid", "valid",
         {"max_age": 300, "leeway": 10}, iat=NOW - 310)
    case("max-age-beyond-leeway", "now - iat == max_age + leeway + 1", "TooOld",
         {"max_age": 300, "leeway": 10}, iat=NOW - 311)
    case("max-age-float-iat", "iat 300.5 s ago with max_age 300", "TooOld", {"max_age": 300},
         iat=NOW - 300.5)
    case("max-age-no-iat", "max_age set but the token has no iat", "MissingRequiredClaim",
         {"max_age": 300}, iat=None)


def gen_identity_claims(f):
    def case(id, description, expected, validation, **changes):
        f.add(id, description, tok(payload=claims(**changes)), expected, validation=validation)

    aud = {"audience": "api"}
    case("iss-match", "issuer matches", "valid", dict(aud, issuer=ISS))
    case("iss-mismatch", "iss differs", "InvalidIssuer",
         dict(aud, issuer="https://other.example.com"))
    case("iss-case-differs", "iss differs only in case", "InvalidIssuer",
         dict(aud, issuer="https://AUTH.example.com"))
    case("iss-trailing-slash", "iss has an extra trailing slash", "InvalidIssuer",
         dict(aud, issuer=ISS),
         iss=ISS + "/")
    case("iss-missing", "issuer configured, iss absent", "InvalidIssuer", dict(aud, issuer=ISS),
         iss=None)
    case("iss-array-match", "issuer configured as an array, token iss is its second entry",
         "valid", dict(aud, issuer=["https://other.example.com", ISS]))
    case("iss-array-no-match", "issuer array does not contain iss", "InvalidIssuer",
         dict(aud, issuer=["https://a.example.com", "https://b.example.com"]))
    case("iss-not-configured", "no issuer configured: any iss accepted", "valid", aud,
         iss="https://anyone.example.com")
    case("sub-match", "subject matches", "valid", dict(STD_VALIDATION, subject="user_123"))
    case("sub-mismatch", "sub differs", "InvalidSubject", dict(STD_VALIDATION, subject="admin"))
    case("sub-missing", "subject configured, sub absent", "InvalidSubject",
         dict(STD_VALIDATION, subject="user_123"), sub=None)
    case("sub-case-differs", "sub differs from subject only in case", "InvalidSubject",
         dict(STD_VALIDATION, subject="USER_123"))
    case("sub-prefix", "sub 'user_1234' is not subject 'user_123' (no prefix match)",
         "InvalidSubject", dict(STD_VALIDATION, subject="user_123"), sub="user_1234")
    case("sub-empty", "sub is the empty string, subject 'user_123'", "InvalidSubject",
         dict(STD_VALIDATION, subject="user_123"), sub="")
    iss = {"issuer": ISS}
    case("aud-match", "aud string equals audience", "valid", dict(iss, audience="api"))
    case("aud-mismatch", "aud differs", "InvalidAudience", dict(iss, audience="billing"))
    case("aud-case-differs", "aud differs only in case", "InvalidAudience",
         dict(iss, audience="API"))
    case("aud-array-one-good", "token aud array with one accepted member", "valid",
         dict(iss, audience="api"), aud=["billing", "api", "mail"])
    case("aud-array-none-good", "token aud array without an accepted member", "InvalidAudience",
         dict(iss, audience="api"), aud=["billing", "mail"])
    case("aud-config-array", "audience configured as an array, token aud string in it",
         "valid", dict(iss, audience=["billing", "api"]))
    case("aud-config-array-token-array", "both arrays, one value in common", "valid",
         dict(iss, audience=["billing", "api"]), aud=["api-v2", "billing"])
    case("aud-config-array-no-overlap", "both arrays, nothing in common", "InvalidAudience",
         dict(iss, audience=["billing", "api"]), aud=["mail", "api-v2"])
    case("aud-missing", "audience configured, aud absent", "InvalidAudience",
         dict(iss, audience="api"), aud=None)
    case("aud-empty-array", "audience configured, aud is an empty array", "InvalidAudience",
         dict(iss, audience="api"), aud=[])
    case("aud-not-configured-string", "aud present but no audience configured",
         "InvalidAudience", iss)
    case("aud-not-configured-array", "aud array present but no audience configured",
         "InvalidAudience", iss, aud=["api"])
    case("aud-not-configured-absent", "no audience configured and no aud: valid", "valid", iss,
         aud=None)


def gen_required(f):
    def case(id, description, expected, required, payload):
        # required None: no validation settings at all, so the default ['exp'] applies.
        f.add(id, description, tok(payload=payload), expected,
              validation={} if required is None else {"required": required})

    case("required-default-exp-missing", "exp absent, required left at its default ['exp']",
         "MissingRequiredClaim", None, {"sub": "user_123", "iat": NOW - 60})
    case("required-empty-no-exp", "required [] opts out: no exp is fine", "valid", [],
         {"sub": "user_123", "iat": NOW - 60})
    case("required-empty-nothing", "required [] and an empty claims object: valid", "valid", [],
         {})
    case("required-sub-without-exp", "required ['sub'] replaces the default: no exp is fine",
         "valid", ["sub"], {"sub": "user_123"})
    case("required-jti-missing", "required ['exp', 'jti'], jti absent", "MissingRequiredClaim",
         ["exp", "jti"], BARE)
    case("required-nbf-missing", "required ['exp', 'nbf'], nbf absent", "MissingRequiredClaim",
         ["exp", "nbf"], BARE)
    case("required-iss-missing", "required ['iss'] with no issuer configured, iss absent",
         "MissingRequiredClaim", ["iss"], BARE)
    case("required-aud-missing", "required ['aud'], aud absent", "MissingRequiredClaim",
         ["exp", "aud"], BARE)
    case("required-all-present", "required all of exp, nbf, iat, sub, jti: present", "valid",
         ["exp", "nbf", "iat", "sub", "jti"], dict(BARE, nbf=NOW - 60, jti="abc"))


def gen_claims():
    f = CaseFile("claims")
    gen_payload_json(f)
    gen_claim_types(f)
    gen_time_claims(f)
    gen_identity_claims(f)
    gen_required(f)
    return f


# --------------------------------------------------------------------------------------------
# order.json: two failures at once, the earlier check must win
# --------------------------------------------------------------------------------------------


def gen_order():
    f = CaseFile("order")
    good = tok()
    h, p, s = good.split(".")
    none_h = enc(hdr("none"))
    dup_typ_none = enc('{"alg":"none","typ":"JWT","typ":"JWT"}')
    dup_exp = enc('{"exp":1700000900,"exp":1700000900}')

    f.add("order-too-large-and-malformed",
          "40000 bytes of non-base64 garbage: size is checked before structure",
          "!" * 40000, "TokenTooLarge")
    f.add("order-too-large-and-malformed-small-limit",
          "'a.b' (two segments) with max_token_bytes 2: size first",
          "a.b", "TokenTooLarge", validation=dict(STD_VALIDATION, max_token_bytes=2))
    f.add("order-too-large-and-alg-none", "alg none token over max_token_bytes: size first",
          f"{none_h}.{p}.", "TokenTooLarge",
          validation=dict(STD_VALIDATION, max_token_bytes=50))
    f.add("order-bad-b64-signature-and-alg-none",
          "alg none with a signature segment that is not base64url: every segment is decoded "
          "before alg is read", f"{none_h}.{p}.not*base64", "MalformedToken")
    f.add("order-bad-b64-payload-and-alg-not-allowed",
          "payload segment with '+' and alg not in the allow-list: encoding first",
          signed(enc(hdr("RS256")), std_alphabet(find(
              lambda s: "-" in s, lambda i: enc(claims(jti="j" * i + "~")))), "HS256"),
          "MalformedToken")
    f.add("order-noncanonical-signature-and-bad-signature",
          "signature with non-canonical trailing bits that also would not verify",
          f"{h}.{p}.{noncanonical(b64u(bytes(32)))}", "MalformedToken")
    f.add("order-header-duplicate-and-alg-none",
          "header with a duplicate member and alg none: header JSON first",
          f"{dup_typ_none}.{p}.", "MalformedToken")
    f.add("order-header-typ-type-and-alg-not-allowed",
          "typ is a number and alg is not allowed: header JSON types first",
          signed(enc('{"alg":"HS256","typ":7}'), p, "HS256"), "MalformedToken",
          algorithms=["HS512"], key=k_b64u(HS64))
    f.add("order-alg-none-and-crit", "alg none with crit: alg first",
          f"{enc({'alg': 'none', 'crit': ['foo'], 'foo': 1})}.{p}.", "InvalidAlgorithm")
    f.add("order-alg-not-allowed-and-crit", "alg not allowed and crit present: alg first",
          tok(header={"alg": "HS256", "crit": ["foo"], "foo": 1}), "InvalidAlgorithm",
          algorithms=["HS384"], key=k_b64u(HS64))
    f.add("order-alg-not-allowed-and-bad-signature",
          "alg not allowed and signature wrong: alg first",
          with_sig(good, bytes(32)), "InvalidAlgorithm", algorithms=["HS512"], key=k_b64u(HS64))
    f.add("order-crit-and-typ-mismatch", "crit present and typ mismatch: crit first",
          tok(header={"alg": "HS256", "typ": "JOSE", "crit": ["foo"], "foo": 1}),
          "UnsupportedCriticalHeader", validation=dict(STD_VALIDATION, typ="JWT"))
    f.add("order-crit-and-bad-signature", "unknown crit and signature wrong: crit first",
          with_sig(tok(header={"alg": "HS256", "crit": ["foo"], "foo": 1}), bytes(32)),
          "UnsupportedCriticalHeader")
    f.add("order-crit-and-key-mismatch", "unknown crit and RSA key for HS256: crit first",
          tok(header={"alg": "HS256", "crit": ["foo"], "foo": 1}), "UnsupportedCriticalHeader",
          key=k_pem("rsa2048-public-spki"), algorithms=["HS256", "RS256"])
    f.add("order-typ-mismatch-and-key-mismatch",
          "typ mismatch and HS256 token against an RSA key: typ first",
          tok(header={"alg": "HS256", "typ": "JOSE"}), "InvalidType",
          key=k_pem("rsa2048-public-spki"), algorithms=["HS256", "RS256"],
          validation=dict(STD_VALIDATION, typ="JWT"))
    f.add("order-typ-mismatch-and-bad-signature", "typ mismatch and signature wrong: typ first",
          with_sig(tok(header={"alg": "HS256", "typ": "JOSE"}), bytes(32)), "InvalidType",
          validation=dict(STD_VALIDATION, typ="JWT"))
    f.add("order-key-mismatch-and-bad-signature",
          "RS256 token with an HMAC key and garbage signature: binding first",
          with_sig(tok("RS256"), bytes(256)), "KeyAlgorithmMismatch", key=k_b64u(HS32),
          algorithms=["RS256"])
    f.add("order-key-mismatch-and-payload-not-json",
          "EdDSA token with an RSA key and a payload that is not JSON: binding first",
          signed(enc(hdr("EdDSA")), enc("not json"), "EdDSA"), "KeyAlgorithmMismatch",
          key=k_pem("rsa2048-public-spki"), algorithms=["EdDSA"])
    f.add("order-weak-key-and-bad-signature",
          "HS384 token with a 32-byte secret (too short for HS384) and a bad signature: key "
          "strength first", with_sig(tok("HS384", key=HS32), bytes(48)), "InvalidKey",
          alg="HS384", key=k_b64u(HS32))
    f.add("order-weak-rsa-and-bad-signature",
          "RS256 with the 1024-bit key and a wrong signature: key strength first",
          with_sig(tok("RS256", key=RSA1024), bytes(128)), "InvalidKey", alg="RS256",
          key=k_pem("rsa1024-public-spki"))
    f.add("order-bad-signature-and-expired", "signature wrong and token expired: signature first",
          with_sig(tok(payload=claims(exp=NOW - 900)), bytes(32)), "InvalidSignature")
    f.add("order-bad-signature-and-payload-not-json",
          "payload is not JSON and the signature is wrong: signature first",
          f"{h}.{enc('not json')}.{s}", "InvalidSignature")
    f.add("order-bad-signature-and-payload-duplicate",
          "payload with a duplicate member and a wrong signature: signature first",
          f"{h}.{dup_exp}.{s}", "InvalidSignature")
    f.add("order-alg-none-and-payload-not-json",
          "alg none and a payload that is not JSON: the payload is parsed only after the "
          "signature", f"{none_h}.{enc('not json')}.", "InvalidAlgorithm")
    f.add("order-payload-not-json-valid-signature",
          "valid signature over a payload that is not JSON", signed(h, enc("not json"), "HS256"),
          "MalformedToken")
    f.add("order-payload-duplicate-and-expired",
          "valid signature, payload has a duplicate member and is expired: payload JSON first",
          signed(h, enc('{"iss":"https://auth.example.com","aud":"api","exp":1600000000,'
                        '"exp":1600000000}'), "HS256"), "MalformedToken")
    f.add("order-claim-type-and-expired",
          "valid signature, iss is a number and the token is expired: claim types first",
          tok(payload=claims(iss=5, exp=NOW - 900)), "MalformedToken")
    f.add("order-missing-required-and-expired",
          "required ['exp', 'jti'], jti absent and token expired: required claims first",
          tok(payload=claims(exp=NOW - 900)), "MissingRequiredClaim",
          validation=dict(STD_VALIDATION, required=["exp", "jti"]))
    f.add("order-missing-required-and-wrong-issuer",
          "exp absent (required by default) and iss wrong: required claims first",
          tok(payload=claims(exp=None)), "MissingRequiredClaim",
          validation=dict(STD_VALIDATION, issuer="https://other.example.com"))
    f.add("order-expired-and-wrong-issuer", "expired and iss wrong: time claims first",
          tok(payload=claims(exp=NOW - 900)), "Expired",
          validation=dict(STD_VALIDATION, issuer="https://other.example.com"))
    f.add("order-not-yet-valid-and-wrong-audience",
          "nbf in the future and aud wrong: time claims first",
          tok(payload=claims(nbf=NOW + 100)), "NotYetValid",
          validation=dict(STD_VALIDATION, audience="billing"))
    f.add("order-immature-iat-and-wrong-subject",
          "iat in the future and sub wrong: time claims first",
          tok(payload=claims(iat=NOW + 100)), "ImmatureIssuedAt",
          validation=dict(STD_VALIDATION, subject="admin"))
    f.add("order-too-old-and-wrong-issuer", "too old and iss wrong: time claims first",
          tok(payload=claims(iat=NOW - 1000)), "TooOld",
          validation=dict(STD_VALIDATION, max_age=300, issuer="https://other.example.com"))
    return f


# --------------------------------------------------------------------------------------------
# jwk.json and jwks.json: keys given as JWKs (RFC 7517, 7518 section 6, RFC 8037) and JWK Sets
# --------------------------------------------------------------------------------------------
# Every JWK here is derived from the PEM test keys above (or quoted from an RFC), written out
# member by member; the malformed ones are the good ones with one member changed.

ED25519_P = 2**255 - 19
ED25519_D = (-121665 * pow(121666, -1, ED25519_P)) % ED25519_P


def b64u_uint(n, pad_to=0):
    """RFC 7518 6.3 integer: big-endian, minimal (no leading zero byte) unless pad_to asks."""
    return b64u(n.to_bytes(max(pad_to, (n.bit_length() + 7) // 8), "big"))


def raw_public(key):
    """The raw 32-byte public key of an Ed25519 (or X25519) key object."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def ed25519_y_decodes(y):
    """Whether some x makes (x, y) a point of edwards25519: (y^2 - 1) / (d y^2 + 1) must be a
    square mod p (Euler's criterion). Used only to pick a `y` that is not on the curve."""
    p = ED25519_P
    x2 = (y * y - 1) * pow(ED25519_D * y * y + 1, -1, p) % p
    return x2 == 0 or pow(x2, (p - 1) // 2, p) == 1


def jwk_oct(secret, **extra):
    jwk = {"kty": "oct", "k": b64u(secret)}
    jwk.update(extra)
    return jwk


def jwk_rsa(key, private=False, crt=True, **extra):
    """RSA JWK of a private key object: public members, or with d (and CRT members)."""
    numbers = key.private_numbers()
    pub = numbers.public_numbers
    jwk = {"kty": "RSA", "n": b64u_uint(pub.n), "e": b64u_uint(pub.e)}
    if private:
        jwk["d"] = b64u_uint(numbers.d)
        if crt:
            for name, value in [("p", numbers.p), ("q", numbers.q), ("dp", numbers.dmp1),
                                ("dq", numbers.dmq1), ("qi", numbers.iqmp)]:
                jwk[name] = b64u_uint(value)
    jwk.update(extra)
    return jwk


def jwk_okp(key, private=False, **extra):
    """OKP Ed25519 JWK of a private key object: x, and d (the 32-byte seed) if private."""
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64u(raw_public(key.public_key()))}
    if private:
        jwk["d"] = b64u(key.private_bytes(serialization.Encoding.Raw,
                                          serialization.PrivateFormat.Raw,
                                          serialization.NoEncryption()))
    jwk.update(extra)
    return jwk


def changed(jwk, **members):
    """A copy of `jwk` with members replaced; a value of None removes the member."""
    out = dict(jwk)
    for name, value in members.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out


def k_jwk(jwk):
    return {"jwk": jwk}


def k_jwks(keys):
    return {"jwks": {"keys": keys}}


def tok_kid(alg, kid, key=None, payload=None):
    """A correctly signed token whose header names `kid`."""
    return tok(alg, payload=payload, header=hdr(alg, kid=kid), key=key)


# RFC 7520 section 3.5 (symmetric key, constrained to HS256) and RFC 8037 appendix A.1.
RFC7520_OCT = {"kty": "oct", "kid": "018c0ae5-4d9b-471b-bfd6-eef314bc7037", "use": "sig",
               "alg": "HS256", "k": "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}
RFC8037_OKP = {"kty": "OKP", "crv": "Ed25519",
               "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
               "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
RFC7520_SECRET = base64.urlsafe_b64decode(RFC7520_OCT["k"] + "=")
assert len(RFC7520_SECRET) == 32
RFC8037_KEY = ed25519.Ed25519PrivateKey.from_private_bytes(
    base64.urlsafe_b64decode(RFC8037_OKP["d"] + "="))
assert b64u(raw_public(RFC8037_KEY.public_key())) == RFC8037_OKP["x"]

X25519_RAW = raw_public(serialization.load_pem_public_key(PEM["x25519-public-spki"].encode()))
P521_PUBLIC = serialization.load_pem_public_key(PEM["p521-public-spki"].encode())
SECP256K1_PUBLIC = serialization.load_pem_public_key(PEM["secp256k1-public-spki"].encode())
EC_CRV = {"secp256r1": ("P-256", 32), "secp384r1": ("P-384", 48), "secp521r1": ("P-521", 66),
          "secp256k1": ("secp256k1", 32)}


def jwk_ec(key, private=False, **extra):
    """EC JWK of a key object (RFC 7518 6.2): crv, x and y at the field's width, and d."""
    public = key if isinstance(key, ec.EllipticCurvePublicKey) else key.public_key()
    crv, width = EC_CRV[public.curve.name]
    numbers = public.public_numbers()
    jwk = {"kty": "EC", "crv": crv, "x": b64u_uint(numbers.x, width),
           "y": b64u_uint(numbers.y, width)}
    if private:
        jwk["d"] = b64u_uint(key.private_numbers().private_value, width)
    jwk.update(extra)
    return jwk


EC_P256_JWK = jwk_ec(P256)
# RFC 7515 appendix A.3.1: the P-256 key of the ES256 example.
RFC7515_EC = {"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
              "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
              "d": "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}
RFC7515_EC_KEY = ec.derive_private_key(
    int.from_bytes(base64.urlsafe_b64decode(RFC7515_EC["d"] + "="), "big"), ec.SECP256R1())
assert jwk_ec(RFC7515_EC_KEY, private=True) == RFC7515_EC


def gen_jwk_valid(f):
    for alg in ["HS256", "HS384", "HS512"]:
        f.add(f"jwk-oct-{alg.lower()}-valid",
              f"{alg} token, oct JWK whose k is the {len(HS_SECRET[alg])}-byte secret",
              tok(alg), "valid", alg=alg, key=k_jwk(jwk_oct(HS_SECRET[alg])))
    f.add("jwk-oct-hs256-longer-k-valid", "HS256 token, oct JWK with a 64-byte k (longer than "
          "needed)", tok("HS256", key=HS64), "valid", key=k_jwk(jwk_oct(HS64)))
    for alg in ["RS256", "RS384", "RS512"]:
        f.add(f"jwk-rsa-public-{alg.lower()}-valid",
              f"{alg} token, public RSA JWK (n, e) of the 2048-bit key", tok(alg), "valid",
              alg=alg, key=k_jwk(jwk_rsa(RSA)))
    f.add("jwk-rsa-private-crt-rs256-valid",
          "RS256 token, private RSA JWK with d, p, q, dp, dq, qi: its public half verifies",
          tok("RS256"), "valid", alg="RS256", key=k_jwk(jwk_rsa(RSA, private=True)))
    f.add("jwk-rsa-private-no-crt-rs384-valid",
          "RS384 token, private RSA JWK with n, e, d only (no CRT members: primes recovered)",
          tok("RS384"), "valid", alg="RS384",
          key=k_jwk(jwk_rsa(RSA, private=True, crt=False)))
    f.add("jwk-okp-public-eddsa-valid", "EdDSA token, OKP Ed25519 JWK with x only",
          tok("EdDSA"), "valid", alg="EdDSA", key=k_jwk(jwk_okp(ED)))
    f.add("jwk-okp-private-eddsa-valid", "EdDSA token, private OKP Ed25519 JWK (x and d)",
          tok("EdDSA"), "valid", alg="EdDSA", key=k_jwk(jwk_okp(ED, private=True)))
    # RFC-quoted keys, with their alg/use/kid constraints.
    f.add("jwk-rfc7520-oct-hs256-valid",
          "HS256 token, the RFC 7520 3.5 symmetric JWK (kid, use sig, alg HS256)",
          tok_kid("HS256", RFC7520_OCT["kid"], key=RFC7520_SECRET), "valid",
          key=k_jwk(RFC7520_OCT))
    f.add("jwk-rfc8037-okp-private-eddsa-valid",
          "EdDSA token signed with the RFC 8037 A.1 key, verified with its private JWK",
          tok("EdDSA", key=RFC8037_KEY), "valid", alg="EdDSA", key=k_jwk(RFC8037_OKP))
    f.add("jwk-rsa-constrained-valid",
          "RS256 token, RSA JWK with alg RS256, use sig, key_ops [verify] and a kid",
          tok("RS256"), "valid", alg="RS256",
          key=k_jwk(jwk_rsa(RSA, alg="RS256", use="sig", key_ops=["verify"],
                            kid="bilbo.baggins@hobbiton.example")))
    f.add("jwk-okp-alg-eddsa-key-ops-sign-verify-valid",
          "EdDSA token, OKP JWK with alg EdDSA and key_ops [sign, verify]", tok("EdDSA"),
          "valid", alg="EdDSA", key=k_jwk(jwk_okp(ED, alg="EdDSA", key_ops=["sign", "verify"])))
    for alg, key in [("ES256", P256), ("ES384", P384)]:
        f.add(f"jwk-ec-public-{alg.lower()}-valid",
              f"{alg} token, public EC JWK (crv, x, y) of the {jwk_ec(key)['crv']} key",
              tok(alg), "valid", alg=alg, key=k_jwk(jwk_ec(key)))
        f.add(f"jwk-ec-private-{alg.lower()}-valid",
              f"{alg} token, private EC JWK (with d): its public half verifies", tok(alg),
              "valid", alg=alg, key=k_jwk(jwk_ec(key, private=True)))
    f.add("jwk-rfc7515-ec-es256-valid",
          "ES256 token signed with the RFC 7515 A.3 key, verified with its private JWK",
          tok("ES256", key=RFC7515_EC_KEY), "valid", alg="ES256", key=k_jwk(RFC7515_EC))
    f.add("jwk-ec-constrained-valid",
          "ES384 token, EC JWK with alg ES384, use sig, key_ops [verify] and a kid", tok("ES384"),
          "valid", alg="ES384",
          key=k_jwk(jwk_ec(P384, alg="ES384", use="sig", key_ops=["verify"], kid="p384")))
    for alg in ["PS256", "PS512"]:
        f.add(f"jwk-rsa-alg-{alg.lower()}-valid",
              f"{alg} token, RSA JWK restricted by alg {alg}", tok(alg), "valid", alg=alg,
              key=k_jwk(jwk_rsa(RSA, alg=alg)))
    f.add("jwk-rsa-private-crt-ps384-valid", "PS384 token, private RSA JWK with CRT members",
          tok("PS384"), "valid", alg="PS384", key=k_jwk(jwk_rsa(RSA, private=True)))
    f.add("jwk-single-key-kid-not-compared",
          "single JWK with kid 'a', token names kid 'b': with one configured key the kid is "
          "not a lookup, the key decides", tok_kid("HS256", "b"), "valid",
          key=k_jwk(jwk_oct(HS32, kid="a")))


def gen_jwk_binding(f):
    rsa_jwk = jwk_rsa(RSA)
    f.add("jwk-binding-hs256-token-rsa-jwk",
          "alg confusion: HS256 token HMAC'd with the RSA JWK's JSON text, RSA JWK configured, "
          "[HS256, RS256] allowed", tok("HS256", key=compact_json(rsa_jwk)),
          "KeyAlgorithmMismatch", key=k_jwk(rsa_jwk), algorithms=["HS256", "RS256"])
    f.add("jwk-binding-rs256-token-oct-jwk", "RS256 token, oct JWK", tok("RS256"),
          "KeyAlgorithmMismatch", key=k_jwk(jwk_oct(HS32)), algorithms=["RS256"])
    f.add("jwk-binding-eddsa-token-rsa-private-jwk", "EdDSA token, private RSA JWK",
          tok("EdDSA"), "KeyAlgorithmMismatch", key=k_jwk(jwk_rsa(RSA, private=True)),
          algorithms=["EdDSA"])
    f.add("jwk-binding-rs256-token-okp-private-jwk", "RS256 token, private OKP JWK",
          tok("RS256"), "KeyAlgorithmMismatch", key=k_jwk(jwk_okp(ED, private=True)),
          algorithms=["RS256"])
    f.add("jwk-binding-alg-rs256-token-rs384",
          "RSA JWK restricted by alg RS256, RS384 token (both allowed, signature valid)",
          tok("RS384"), "KeyAlgorithmMismatch", key=k_jwk(jwk_rsa(RSA, alg="RS256")),
          algorithms=["RS256", "RS384"])
    f.add("jwk-binding-alg-hs512-token-hs256",
          "64-byte oct JWK restricted by alg HS512, HS256 token made with that secret",
          tok("HS256", key=HS64), "KeyAlgorithmMismatch", key=k_jwk(jwk_oct(HS64, alg="HS512")))
    f.add("jwk-binding-rs256-token-ec-jwk", "RS256 token, EC P-256 JWK", tok("RS256"),
          "KeyAlgorithmMismatch", key=k_jwk(EC_P256_JWK), algorithms=["RS256"])
    f.add("jwk-binding-es256-token-oct-jwk", "ES256 token, oct JWK", tok("ES256"),
          "KeyAlgorithmMismatch", key=k_jwk(jwk_oct(HS32)), algorithms=["ES256"])
    f.add("jwk-binding-hs256-token-ec-jwk",
          "alg confusion: HS256 token HMAC'd with the EC JWK's JSON text, EC JWK configured, "
          "[HS256, ES256] allowed", tok("HS256", key=compact_json(EC_P256_JWK)),
          "KeyAlgorithmMismatch", key=k_jwk(EC_P256_JWK), algorithms=["HS256", "ES256"])
    f.add("jwk-binding-alg-rs256-token-ps256",
          "RSA JWK restricted by alg RS256, PS256 token (both allowed, signature valid)",
          tok("PS256"), "KeyAlgorithmMismatch", key=k_jwk(jwk_rsa(RSA, alg="RS256")),
          algorithms=["RS256", "PS256"])
    f.add("jwk-binding-alg-ps256-token-rs256",
          "RSA JWK restricted by alg PS256, RS256 token (both allowed, signature valid)",
          tok("RS256"), "KeyAlgorithmMismatch", key=k_jwk(jwk_rsa(RSA, alg="PS256")),
          algorithms=["RS256", "PS256"])
    f.add("jwk-binding-es384-token-p256-jwk",
          "ES384 token signed by the P-384 key, P-256 EC JWK: the key's curve is not the "
          "algorithm's", tok("ES384"), "InvalidKey", key=k_jwk(EC_P256_JWK),
          algorithms=["ES256", "ES384"])


def gen_jwk_members(f):
    bad = "InvalidKey"
    oct_ok, rsa_ok, okp_ok = jwk_oct(HS32), jwk_rsa(RSA), jwk_okp(ED)

    def case(id, description, jwk, alg="HS256", token=None):
        f.add(f"jwk-{id}", description, tok(alg) if token is None else token, bad, alg=alg,
              key=k_jwk(jwk))

    # kty and the document itself
    case("kty-missing", "oct members without kty", changed(oct_ok, kty=None))
    case("kty-number", "kty is a number", changed(oct_ok, kty=1))
    case("kty-ec-lowercase", "kty 'ec' (names are case-sensitive)",
         changed(EC_P256_JWK, kty="ec"), alg="ES256")
    # EC (RFC 7518 6.2)
    ec_ok = EC_P256_JWK
    case("ec-crv-p521", "EC P-521 JWK (from p521-public-spki.pem): no algorithm here uses it",
         jwk_ec(P521_PUBLIC), alg="ES256")
    case("ec-crv-secp256k1", "EC secp256k1 JWK: ES256K is not implemented",
         jwk_ec(SECP256K1_PUBLIC), alg="ES256")
    case("ec-secp256k1-point-as-p256", "secp256k1 coordinates labelled crv P-256: not a P-256 "
         "point", changed(jwk_ec(SECP256K1_PUBLIC), crv="P-256"), alg="ES256")
    case("ec-crv-missing", "EC JWK without crv", changed(ec_ok, crv=None), alg="ES256")
    case("ec-crv-lowercase", "crv 'p-256' (names are case-sensitive)",
         changed(ec_ok, crv="p-256"), alg="ES256")
    case("ec-crv-number", "crv is a number", changed(ec_ok, crv=256), alg="ES256")
    case("ec-x-missing", "EC JWK without x", changed(ec_ok, x=None), alg="ES256")
    case("ec-y-missing", "EC JWK without y (no compressed points in JWK)",
         changed(ec_ok, y=None), alg="ES256")
    x_bytes = base64.urlsafe_b64decode(ec_ok["x"] + "=")
    y_bytes = base64.urlsafe_b64decode(ec_ok["y"] + "=")
    case("ec-x-33-bytes", "x with a leading zero byte (33 bytes, same integer)",
         changed(ec_ok, x=b64u(b"\x00" + x_bytes)), alg="ES256")
    case("ec-y-31-bytes", "y with its first byte dropped (31 bytes)",
         changed(ec_ok, y=b64u(y_bytes[1:])), alg="ES256")
    case("ec-x-noncanonical", "x's last character has non-zero unused bits",
         changed(ec_ok, x=noncanonical(ec_ok["x"])), alg="ES256")
    case("ec-y-padded", "y carries '=' padding", changed(ec_ok, y=ec_ok["y"] + "="),
         alg="ES256")
    y_plus_one = (int.from_bytes(y_bytes, "big") + 1).to_bytes(32, "big")
    case("ec-point-not-on-curve", "y + 1: (x, y + 1) is not on P-256",
         changed(ec_ok, y=b64u(y_plus_one)), alg="ES256")
    case("ec-point-zero", "x and y are 32 zero bytes: not on the curve (and no encoding of the "
         "point at infinity)", changed(ec_ok, x=b64u(bytes(32)), y=b64u(bytes(32))),
         alg="ES256")
    case("ec-p384-coordinates-crv-p256", "the P-384 key's 48-byte coordinates labelled P-256",
         changed(jwk_ec(P384), crv="P-256"), alg="ES256")
    ec_private = jwk_ec(P256, private=True)
    case("ec-d-other-key", "private EC JWK: x and y of the main P-256 key, d of the other",
         changed(ec_private, d=jwk_ec(P256_OTHER, private=True)["d"]), alg="ES256")
    case("ec-d-31-bytes", "private EC JWK whose d has 31 bytes",
         changed(ec_private, d=b64u(base64.urlsafe_b64decode(ec_private["d"] + "=")[1:])),
         alg="ES256")
    case("ec-d-zero", "private EC JWK whose d is 32 zero bytes", changed(ec_private,
         d=b64u(bytes(32))), alg="ES256")
    case("ec-d-equals-n", "private EC JWK whose d is the group order n",
         changed(ec_private, d=b64u_uint(P256_N, 32)), alg="ES256")
    case("ec-alg-es384-on-p256", "P-256 JWK with alg ES384: the key's curve is not its own "
         "alg's (refused on import, although the token is ES256)", changed(ec_ok, alg="ES384"),
         alg="ES256")
    case("ec-alg-ps256", "EC JWK with alg PS256 (another family)", changed(ec_ok, alg="PS256"),
         alg="ES256")
    case("ec-use-enc", "EC JWK with use 'enc' (as RFC 7517 A.1's EC key)",
         changed(ec_ok, use="enc"), alg="ES256")
    # oct
    secret_dash = RFC7520_SECRET  # its base64url has a '-'
    case("oct-k-std-alphabet",
         "k in the standard base64 alphabet ('+' for '-'), token HMAC'd with the same bytes",
         jwk_oct(secret_dash, k=std_alphabet(b64u(secret_dash))),
         token=tok("HS256", key=secret_dash))
    case("oct-k-31-bytes", "k of 31 bytes: shorter than any HMAC algorithm allows",
         jwk_oct(HS32[:31]), token=tok("HS256", key=HS32[:31]))
    f.add("jwk-oct-32-bytes-hs384", "HS384 token, oct JWK with a 32-byte k (HS384 needs 48)",
          tok("HS384", key=HS32), bad, alg="HS384", key=k_jwk(oct_ok))
    # alg, use, key_ops, kid
    case("oct-alg-rs256", "oct JWK with alg RS256 (another family)", changed(oct_ok, alg="RS256"))
    case("oct-alg-ps256", "oct JWK with alg PS256 (an RSA algorithm)", changed(oct_ok, alg="PS256"))
    case("oct-alg-es512", "oct JWK with alg ES512 (not supported)", changed(oct_ok, alg="ES512"))
    case("rsa-alg-rsa-oaep", "RSA JWK with alg RSA-OAEP (a JWE key-encryption algorithm)",
         changed(rsa_ok, alg="RSA-OAEP"), alg="RS256")
    case("oct-alg-hs512-k-32-bytes",
         "32-byte oct JWK with alg HS512: too short for its own alg (refused on import, "
         "although the token is HS256)", changed(oct_ok, alg="HS512"))
    case("okp-alg-rs256", "OKP JWK with alg RS256", changed(okp_ok, alg="RS256"), alg="EdDSA")
    case("use-enc", "use 'enc': an encryption key", changed(oct_ok, use="enc"))
    case("key-ops-encrypt", "key_ops [encrypt]", changed(rsa_ok, key_ops=["encrypt"]),
         alg="RS256")
    case("key-ops-sign-only", "key_ops [sign]: the key may not verify",
         changed(okp_ok, key_ops=["sign"]), alg="EdDSA")
    case("key-ops-duplicate", "key_ops [verify, verify]: values must be distinct",
         changed(oct_ok, key_ops=["verify", "verify"]))
    case("kid-number", "kid is a number", changed(oct_ok, kid=7))
    # RSA
    n_b64 = rsa_ok["n"]
    assert len(n_b64) % 4 == 2 and "-" in n_b64
    case("rsa-n-padded", "n carries '==' padding", changed(rsa_ok, n=n_b64 + "=="), alg="RS256")
    case("rsa-n-leading-zero", "n with a leading zero byte (257 bytes, same integer)",
         changed(rsa_ok, n=b64u(b"\x00" + base64.urlsafe_b64decode(n_b64 + "=="))), alg="RS256")
    case("rsa-e-leading-zero", "e 'AAEAAQ': 65537 with a leading zero byte",
         changed(rsa_ok, e=b64u(b"\x00\x01\x00\x01")), alg="RS256")
    case("rsa-e-even", "e = 65536 (even)", changed(rsa_ok, e=b64u_uint(65536)), alg="RS256")
    case("rsa-e-one", "e = 1", changed(rsa_ok, e=b64u_uint(1)), alg="RS256")
    case("rsa-1024-bit", "RS256 token signed and verified with the 1024-bit key as a JWK",
         jwk_rsa(RSA1024), alg="RS256", token=tok("RS256", key=RSA1024))
    case("rsa-n-number", "n is a number", changed(rsa_ok, n=12345), alg="RS256")
    full = jwk_rsa(RSA, private=True)
    nums = RSA.private_numbers()
    case("rsa-private-partial-crt", "private RSA JWK with d, p and q but no dp, dq, qi",
         changed(full, dp=None, dq=None, qi=None), alg="RS256")
    case("rsa-private-oth", "private RSA JWK with an oth member (multi-prime)",
         changed(full, oth=[{"r": full["p"], "d": full["dp"], "t": full["qi"]}]), alg="RS256")
    case("rsa-private-bad-d-no-crt", "private RSA JWK (n, e, d) whose d is d + 2",
         changed(jwk_rsa(RSA, private=True, crt=False), d=b64u_uint(nums.d + 2)), alg="RS256")
    # d and p changed with dp, dq, qi recomputed from them: the CRT members agree with d, p and
    # q, so only the key's own consistency (d * e = 1 mod lcm(p - 1, q - 1), p * q = n) fails.
    d2, p2 = nums.d + 2, nums.p + 2
    case("rsa-private-bad-d-crt", "private RSA JWK whose d is d + 2, with dp and dq recomputed "
         "from that d (d * e != 1 mod lambda)",
         changed(full, d=b64u_uint(d2), dp=b64u_uint(d2 % (nums.p - 1)),
                 dq=b64u_uint(d2 % (nums.q - 1))), alg="RS256")
    case("rsa-private-bad-p", "private RSA JWK whose p is p + 2, with dp and qi recomputed "
         "from that p (p * q != n)",
         changed(full, p=b64u_uint(p2), dp=b64u_uint(nums.d % (p2 - 1)),
                 qi=b64u_uint(pow(nums.q, -1, p2))), alg="RS256")
    case("rsa-private-bad-qi", "private RSA JWK whose qi is qi + 1", changed(
        full, qi=b64u_uint(nums.iqmp + 1)), alg="RS256")
    # OKP
    x = okp_ok["x"]
    case("okp-crv-x25519", "OKP JWK with crv X25519 (from x25519-public-spki.pem)",
         changed(okp_ok, crv="X25519", x=b64u(X25519_RAW)), alg="EdDSA")
    case("okp-crv-ed448", "OKP JWK with crv Ed448 and a 57-byte x",
         changed(okp_ok, crv="Ed448", x=b64u(bytes(range(1, 58)))), alg="EdDSA")
    case("okp-x-31-bytes", "x of 31 bytes (last byte dropped)",
         changed(okp_ok, x=b64u(raw_public(ED.public_key())[:31])), alg="EdDSA")
    case("okp-x-noncanonical", "x's last character has non-zero unused bits",
         changed(okp_ok, x=noncanonical(x)), alg="EdDSA")
    case("okp-x-order-4", "x is 32 zero bytes (y = 0, a point of order 4)",
         changed(okp_ok, x=b64u(bytes(32))), alg="EdDSA")
    y_off = find(lambda y: not ed25519_y_decodes(y), lambda i: i + 2)
    case("okp-x-not-on-curve", f"x encodes y = {y_off}, for which no point exists",
         changed(okp_ok, x=b64u(y_off.to_bytes(32, "little"))), alg="EdDSA")
    case("okp-d-other-key", "private OKP JWK: x of the main key, d of the other key",
         changed(okp_ok, d=jwk_okp(ED_OTHER, private=True)["d"]), alg="EdDSA")
    case("okp-d-31-bytes", "private OKP JWK whose d has 31 bytes",
         changed(okp_ok, d=b64u(bytes(range(31)))), alg="EdDSA")


def gen_jwk_order_and_signature(f):
    bad_jwk = jwk_oct(HS32, use="enc")
    good = tok()
    h, p, _ = good.split(".")
    f.add("jwk-order-malformed-token-and-bad-jwk",
          "two-segment token and a use 'enc' JWK: the token is parsed first",
          f"{h}.{p}", "MalformedToken", key=k_jwk(bad_jwk))
    f.add("jwk-order-alg-not-allowed-and-bad-jwk",
          "HS256 token with only HS512 allowed and a 31-byte oct JWK: alg first", good,
          "InvalidAlgorithm", key=k_jwk(jwk_oct(HS32[:31])), algorithms=["HS512"])
    f.add("jwk-order-typ-mismatch-and-bad-jwk",
          "typ JOSE where JWT is required, oct JWK with kty missing: header first",
          tok(header={"alg": "HS256", "typ": "JOSE"}), "InvalidType",
          key=k_jwk(changed(jwk_oct(HS32), kty=None)), validation=dict(STD_VALIDATION, typ="JWT"))
    f.add("jwk-order-bad-jwk-and-bad-signature",
          "RSA JWK with a padded n and a zeroed signature: the key is refused first",
          with_sig(tok("RS256"), bytes(256)), "InvalidKey", alg="RS256",
          key=k_jwk(changed(jwk_rsa(RSA), n=jwk_rsa(RSA)["n"] + "==")))
    f.add("jwk-order-alg-restricted-and-bad-signature",
          "oct JWK restricted to HS384, HS256 token with a wrong MAC: binding first",
          with_sig(tok("HS256", key=HS48), bytes(32)), "KeyAlgorithmMismatch",
          key=k_jwk(jwk_oct(HS48, alg="HS384")), algorithms=["HS256", "HS384"])
    f.add("jwk-rsa-other-key-signature", "RS256 token signed by the other RSA key, JWK of the "
          "main key", tok("RS256", key=RSA_OTHER), "InvalidSignature", alg="RS256",
          key=k_jwk(jwk_rsa(RSA)))
    f.add("jwk-order-bad-signature-and-expired",
          "expired token with a wrong MAC, oct JWK: signature first",
          with_sig(tok(payload=claims(exp=NOW - 900)), bytes(32)), "InvalidSignature",
          key=k_jwk(jwk_oct(HS32)))
    f.add("jwk-okp-expired", "EdDSA token verified by an OKP JWK, but expired",
          tok("EdDSA", payload=claims(exp=NOW - 1)), "Expired", alg="EdDSA",
          key=k_jwk(jwk_okp(ED)))


def gen_jwk():
    f = CaseFile("jwk")
    gen_jwk_valid(f)
    gen_jwk_binding(f)
    gen_jwk_members(f)
    gen_jwk_order_and_signature(f)
    return f


def gen_jwks_selection(f):
    rsa1 = jwk_rsa(RSA, kid="rsa-1", use="sig")
    rsa2 = jwk_rsa(RSA_OTHER, kid="rsa-2", use="sig")
    ed1 = jwk_okp(ED, kid="ed-1")
    hs1 = jwk_oct(HS32, kid="hs-1")
    mixed = [rsa1, rsa2, ed1, hs1]

    def case(id, description, token, expected, alg, keys, **kw):
        f.add(f"jwks-{id}", description, token, expected, alg=alg, key=k_jwks(keys), **kw)

    case("kid-selects-rsa", "RS256 token with kid rsa-2, signed by the other RSA key; the set "
         "holds rsa-1, rsa-2, ed-1, hs-1", tok_kid("RS256", "rsa-2", key=RSA_OTHER), "valid",
         "RS256", mixed)
    case("kid-selects-okp", "EdDSA token with kid ed-1 in a four-key set",
         tok_kid("EdDSA", "ed-1"), "valid", "EdDSA", mixed)
    case("kid-not-found", "kid rsa-3 is in no member of the set",
         tok_kid("RS256", "rsa-3"), "UnknownKeyId", "RS256", mixed)
    case("kid-case-differs", "kid RSA-1 differs from rsa-1 only in case: kids are compared "
         "exactly", tok_kid("RS256", "RSA-1"), "UnknownKeyId", "RS256", mixed)
    case("kid-empty-string", "kid '' does not name a member that has no kid",
         tok_kid("HS256", ""), "UnknownKeyId", "HS256", [jwk_oct(HS32)])
    case("kid-points-at-wrong-key", "kid rsa-1 selects the main key, token signed by the other "
         "key", tok_kid("RS256", "rsa-1", key=RSA_OTHER), "InvalidSignature", "RS256", mixed)
    case("kid-wrong-family", "RS256 token naming kid ed-1 (an Ed25519 key)",
         tok_kid("RS256", "ed-1"), "KeyAlgorithmMismatch", "RS256", mixed)
    case("kid-alg-restricted", "kid names an RSA member restricted to RS256, token is RS512",
         tok_kid("RS512", "rsa-1"), "KeyAlgorithmMismatch", "RS512",
         [changed(rsa1, alg="RS256"), ed1], algorithms=["RS256", "RS512"])
    case("alg-confusion-hs256-kid",
         "HS256 token naming kid rsa-1, HMAC'd with that JWK's n; the only key is RSA",
         tok_kid("HS256", "rsa-1", key=base64.urlsafe_b64decode(rsa1["n"] + "==")),
         "KeyAlgorithmMismatch", "HS256", [rsa1], algorithms=["HS256", "RS256"])
    case("alg-confusion-hs256-no-kid",
         "HS256 token without kid, HMAC'd with the RSA JWK's JSON text; the only key is RSA",
         tok("HS256", key=compact_json(rsa1)), "UnknownKeyId", "HS256", [rsa1],
         algorithms=["HS256", "RS256"])
    # Duplicate kids.
    dup_a = changed(rsa1, kid="dup")
    dup_b = changed(rsa2, kid="dup")
    case("duplicate-kid-ambiguous", "two RSA members share kid 'dup', RS256 token names it",
         tok_kid("RS256", "dup"), "UnknownKeyId", "RS256", [dup_a, dup_b])
    case("duplicate-kid-same-key-twice", "the same RSA JWK listed twice with kid 'dup': still "
         "two fitting members", tok_kid("RS256", "dup"), "UnknownKeyId", "RS256", [dup_a, dup_a])
    case("duplicate-kid-one-fits-family",
         "kid 'dup' on an RSA and an Ed25519 member; EdDSA token: only the OKP key fits",
         tok_kid("EdDSA", "dup"), "valid", "EdDSA", [dup_a, changed(ed1, kid="dup")])
    case("duplicate-kid-one-fits-alg",
         "kid 'dup' on two RSA members restricted to RS256 and RS512; RS512 token signed by "
         "the RS512 one", tok_kid("RS512", "dup", key=RSA_OTHER), "valid", "RS512",
         [changed(dup_a, alg="RS256"), changed(dup_b, alg="RS512")])
    # No kid in the token: exactly one member must fit.
    case("no-kid-one-fitting", "token without kid; rsa-1, ed-1 and hs-1 in the set: only the "
         "RSA key fits RS256", tok("RS256"), "valid", "RS256", [rsa1, ed1, hs1])
    case("no-kid-two-fitting", "token without kid; two RSA members both fit RS256",
         tok("RS256"), "UnknownKeyId", "RS256", mixed)
    case("no-kid-zero-fitting", "RS256 token without kid; only Ed25519 and oct members",
         tok("RS256"), "UnknownKeyId", "RS256", [ed1, hs1])
    case("no-kid-alg-disambiguates",
         "token without kid; two RSA members restricted to RS256 and RS384, RS384 token",
         tok("RS384"), "valid", "RS384",
         [changed(rsa1, alg="RS256"), changed(rsa1, alg="RS384", kid="rsa-1b")])
    # kids are opaque strings.
    case("kid-path-traversal-matches",
         "kid '../../etc/passwd' is an opaque string naming an oct member",
         tok_kid("HS256", "../../etc/passwd"), "valid", "HS256",
         [changed(hs1, kid="../../etc/passwd"), rsa1])
    # EC members: one curve, one algorithm.
    ec256 = jwk_ec(P256, kid="ec-256")
    ec384 = jwk_ec(P384, kid="ec-384")
    ec_set = [rsa1, ec256, ec384, ed1]
    case("ec-kid-selects-p384", "ES384 token with kid ec-384 in a set of RSA, P-256, P-384 and "
         "Ed25519 keys", tok_kid("ES384", "ec-384"), "valid", "ES384", ec_set)
    case("ec-no-kid-selects-by-curve", "ES384 token without kid: of the two EC keys only the "
         "P-384 one fits", tok("ES384"), "valid", "ES384", ec_set)
    case("ec-no-kid-es256", "ES256 token without kid: only the P-256 key fits", tok("ES256"),
         "valid", "ES256", ec_set)
    case("ec-kid-wrong-curve", "ES384 token naming kid ec-256, a P-256 key: the wrong curve",
         tok_kid("ES384", "ec-256"), "InvalidKey", "ES384", ec_set)
    case("ec-kid-wrong-family", "ES256 token naming kid rsa-1", tok_kid("ES256", "rsa-1"),
         "KeyAlgorithmMismatch", "ES256", ec_set)
    case("p521-member-skipped", "a P-521 member (no algorithm here) is skipped, not fatal: "
         "ES256 token with kid ec-256", tok_kid("ES256", "ec-256"), "valid", "ES256",
         [jwk_ec(P521_PUBLIC, kid="ec-521"), ec256])
    case("p521-member-named", "ES256 token naming kid ec-521, held only by the skipped P-521 "
         "member", tok_kid("ES256", "ec-521"), "UnknownKeyId", "ES256",
         [jwk_ec(P521_PUBLIC, kid="ec-521"), ec256])
    # One RSA key serves RS* and PS*.
    case("rsa-serves-ps256", "PS256 token naming rsa-1, an RSA member without alg",
         tok_kid("PS256", "rsa-1"), "valid", "PS256", [rsa1, ec256])
    case("rsa-serves-rs256-and-ps256-no-kid", "PS512 token without kid; the one RSA member "
         "fits RS* and PS* alike", tok("PS512"), "valid", "PS512", [rsa1, ec256, ed1],
         algorithms=["RS512", "PS512"])
    case("rsa-alg-rs256-ps256-token", "PS256 token naming an RSA member restricted to RS256",
         tok_kid("PS256", "rsa-1"), "KeyAlgorithmMismatch", "PS256",
         [changed(rsa1, alg="RS256")], algorithms=["RS256", "PS256"])
    case("rsa-alg-disambiguates-paddings", "PS256 token without kid; two members of the same "
         "RSA key restricted to RS256 and PS256", tok("PS256"), "valid", "PS256",
         [changed(rsa1, alg="RS256"), changed(rsa1, alg="PS256", kid="rsa-1p")],
         algorithms=["RS256", "PS256"])
    case("kid-sql-injection-not-found",
         "kid \"' OR 1=1 --\" matches no member: no wildcard, no query",
         tok_kid("HS256", "' OR 1=1 --"), "UnknownKeyId", "HS256", [hs1, changed(hs1, kid="x")])


def gen_jwks_members(f):
    ed1 = jwk_okp(ED, kid="ed-1")
    unusable = [
        jwk_ec(P521_PUBLIC, kid="ec-1"),                               # unsupported curve
        jwk_oct(HS64, kid="enc-1", use="enc"),                         # encryption key
        jwk_rsa(RSA, kid="ps-1", alg="PS256K"),                        # unsupported alg
        jwk_rsa(RSA1024, kid="rsa-1024"),                              # too weak
        jwk_oct(HS32[:16], kid="short-1"),                             # too short for any HS
        {"kty": "OKP", "crv": "X25519", "x": b64u(X25519_RAW), "kid": "x-1"},
        changed(jwk_rsa(RSA), n=jwk_rsa(RSA)["n"] + "==", kid="padded-1"),
        jwk_okp(ED, kid="sign-only", key_ops=["sign"]),                # may not verify
        {"kid": "no-kty"},
        "not an object",
    ]

    def case(id, description, token, expected, alg, jwks, **kw):
        f.add(f"jwks-{id}", description, token, expected, alg=alg, key={"jwks": jwks}, **kw)

    case("unusable-members-skipped", "ten unusable members (EC P-521, use enc, alg PS256K, "
         "RSA-1024, 16-byte oct, X25519, padded n, key_ops [sign], no kty, a string) and ed-1: "
         "EdDSA token with kid ed-1", tok_kid("EdDSA", "ed-1"), "valid", "EdDSA",
         {"keys": unusable + [ed1]})
    case("unusable-members-skipped-no-kid",
         "the same set, EdDSA token without kid: ed-1 is the only usable key that fits",
         tok("EdDSA"), "valid", "EdDSA", {"keys": unusable + [ed1]})
    case("kid-only-on-skipped-member",
         "kid enc-1 names only the skipped use 'enc' member: not found", tok_kid("HS512", "enc-1",
         key=HS64), "UnknownKeyId", "HS512", {"keys": unusable + [ed1]})
    case("only-unusable-members", "every member is unusable: the set is refused",
         tok_kid("EdDSA", "ed-1"), "InvalidKey", "EdDSA", {"keys": unusable})
    case("empty-keys", "keys is an empty array", tok("HS256"), "InvalidKey", "HS256",
         {"keys": []})
    case("keys-not-array", "keys is an object holding a JWK", tok_kid("EdDSA", "ed-1"),
         "InvalidKey", "EdDSA", {"keys": {"ed-1": ed1}})
    case("keys-missing", "the document has no keys member", tok("EdDSA"), "InvalidKey", "EdDSA",
         {"key": [ed1]})
    case("document-not-object", "the JWK Set document is a bare array of JWKs",
         tok("EdDSA"), "InvalidKey", "EdDSA", [ed1])
    hs = jwk_oct(HS32, kid="hs")
    case("oct-32-bytes-hs512", "HS512 token selects (by kid) a 32-byte oct member: it fits the "
         "family but is too short for HS512", tok_kid("HS512", "hs", key=HS32), "InvalidKey",
         "HS512", {"keys": [hs, ed1]})


def gen_jwks_order_and_claims(f):
    ed1 = jwk_okp(ED, kid="ed-1")
    f.add("jwks-expired-after-selection",
          "kid ed-1 selects the key, the signature verifies, the token expired 1 s ago",
          tok_kid("EdDSA", "ed-1", payload=claims(exp=NOW - 1)), "Expired", alg="EdDSA",
          key=k_jwks([jwk_rsa(RSA, kid="rsa-1"), ed1]))
    h, p, _ = tok_kid("EdDSA", "nope").split(".")
    f.add("jwks-order-malformed-and-unknown-kid",
          "two-segment token naming an unknown kid: structure first", f"{h}.{p}",
          "MalformedToken", alg="EdDSA", key=k_jwks([ed1]))
    f.add("jwks-order-alg-not-allowed-and-bad-set",
          "RS256 token with only EdDSA allowed, and keys not an array: alg first",
          tok_kid("RS256", "rsa-1"), "InvalidAlgorithm", alg="EdDSA", key={"jwks": {"keys": 1}})
    f.add("jwks-order-bad-set-and-unknown-kid",
          "keys is not an array and the kid is unknown: the set is read before selection",
          tok_kid("EdDSA", "nope"), "InvalidKey", alg="EdDSA", key={"jwks": {"keys": {}}})
    f.add("jwks-order-unknown-kid-and-bad-signature",
          "unknown kid and a zeroed signature: selection before signature",
          with_sig(tok_kid("EdDSA", "nope"), bytes(64)), "UnknownKeyId", alg="EdDSA",
          key=k_jwks([ed1]))
    f.add("jwks-order-bad-signature-and-expired",
          "kid selects ed-1, signature zeroed and token expired: signature first",
          with_sig(tok_kid("EdDSA", "ed-1", payload=claims(exp=NOW - 900)), bytes(64)),
          "InvalidSignature", alg="EdDSA", key=k_jwks([ed1]))


def gen_jwks():
    f = CaseFile("jwks")
    gen_jwks_selection(f)
    gen_jwks_members(f)
    gen_jwks_order_and_claims(f)
    return f


# --------------------------------------------------------------------------------------------


def main():
    files = [gen_structure(), gen_algorithms(), gen_keys(), gen_signatures(), gen_claims(),
             gen_order(), gen_jwk(), gen_jwks()]
    seen = set()
    for f in files:
        for c in f.cases:
            assert c["id"] not in seen, f"duplicate id {c['id']}"
            seen.add(c["id"])
    for f in files:
        path, n = f.write()
        print(f"{n:4d} cases  {os.path.relpath(path)}")
    print(f"{len(seen):4d} cases in total")


if __name__ == "__main__":
    main()
