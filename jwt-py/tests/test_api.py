"""PyJWT's API on jwt-core: each function, option, exception and key form."""

from __future__ import annotations

import json
import time
import warnings
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import jwt_core as jwt
from conftest import key_text
from jwt_core.algorithms import Key

NOW = int(time.time())


def claims(**extra: Any) -> dict:
    return {"sub": "u1", "exp": NOW + 600, **extra}


# --- round trips and key forms -------------------------------------------------------------


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_hmac_round_trip_with_str_and_bytes_secrets(alg: str) -> None:
    secret = "s" * 64
    token = jwt.encode(claims(), secret, algorithm=alg)
    assert jwt.get_unverified_header(token) == {"alg": alg, "typ": "JWT"}
    assert jwt.decode(token, secret, algorithms=[alg]) == claims()
    assert jwt.decode(token, secret.encode(), algorithms=[alg]) == claims()


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_rsa_round_trip_with_every_pem_form(alg: str) -> None:
    token = jwt.encode(claims(), key_text("rsa2048-private-pkcs8.pem"), algorithm=alg)
    for public in ("rsa2048-public-spki.pem", "rsa2048-public-pkcs1.pem", "rsa2048-private-pkcs1.pem"):
        assert jwt.decode(token, key_text(public), algorithms=[alg]) == claims()
    assert jwt.decode(token, key_text("rsa2048-public-spki.pem").encode(), algorithms=[alg]) == claims()


def test_eddsa_round_trip(ed_private: str, ed_public: str) -> None:
    token = jwt.encode(claims(), ed_private, algorithm="EdDSA")
    assert jwt.decode(token, ed_public, algorithms=["EdDSA"]) == claims()


def test_der_keys_are_keys_not_secrets(rsa_private: str, rsa_public: str) -> None:
    serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
    private = serialization.load_pem_private_key(rsa_private.encode(), None)
    der_private = private.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    der_public = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    token = jwt.encode(claims(), der_private, algorithm="RS256")
    assert jwt.decode(token, der_public, algorithms=["RS256"]) == claims()
    # A DER public key is never an HMAC secret.
    forged = jwt.encode(claims(), b"x" * 32, algorithm="HS256")
    with pytest.raises(jwt.InvalidKeyError) as raised:
        jwt.decode(forged, der_public, algorithms=["HS256"])
    assert raised.value.code == "KeyAlgorithmMismatch"


def test_cryptography_key_objects(rsa_private: str, ed_private: str) -> None:
    serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
    for pem, alg in ((rsa_private, "RS256"), (ed_private, "EdDSA")):
        private = serialization.load_pem_private_key(pem.encode(), None)
        token = jwt.encode(claims(), private, algorithm=alg)
        assert jwt.decode(token, private.public_key(), algorithms=[alg]) == claims()


def test_jwk_dict_json_pyjwk_and_sets(ed_private: str) -> None:
    signer = Key(ed_private)
    private_jwk = json.loads(signer.to_jwk(private=True))
    public_jwk = {**json.loads(signer.to_jwk()), "kid": "k1"}
    token = jwt.encode(claims(), ed_private, algorithm="EdDSA", headers={"kid": "k1"})
    assert jwt.decode(token, public_jwk, algorithms=["EdDSA"]) == claims()
    assert jwt.decode(token, json.dumps(public_jwk), algorithms=["EdDSA"]) == claims()
    pyjwk = jwt.PyJWK(public_jwk)
    assert (pyjwk.key_type, pyjwk.key_id, pyjwk.algorithm_name) == ("OKP", "k1", "EdDSA")
    # A PyJWK names its algorithm: `algorithms` may be left out.
    assert jwt.decode(token, pyjwk) == claims()
    keyset = jwt.PyJWKSet.from_dict({"keys": [public_jwk, {"kty": "EC", "crv": "P-256", "x": "?"}]})
    assert [key.key_id for key in keyset] == ["k1"]
    assert keyset["k1"].key_id == "k1"
    assert jwt.decode(token, keyset, algorithms=["EdDSA"]) == claims()
    assert jwt.decode(token, {"keys": [public_jwk]}, algorithms=["EdDSA"]) == claims()
    signed_by_jwk = jwt.encode(claims(), jwt.PyJWK(private_jwk))
    assert jwt.get_unverified_header(signed_by_jwk)["alg"] == "EdDSA"
    unknown = jwt.encode(claims(), ed_private, algorithm="EdDSA", headers={"kid": "k2"})
    with pytest.raises(jwt.InvalidTokenError) as raised:
        jwt.decode(unknown, keyset, algorithms=["EdDSA"])
    assert raised.value.code == "UnknownKeyId"


def test_pyjwk_bound_to_its_algorithm(secret: bytes) -> None:
    jwk = {"kty": "oct", "k": jwt.utils.base64url_encode(secret * 2).decode()}
    key = jwt.PyJWK(jwk, algorithm="HS256")
    token = jwt.encode(claims(), secret * 2, algorithm="HS512")
    with pytest.raises(jwt.InvalidAlgorithmError) as raised:
        jwt.decode(token, key, algorithms=["HS256", "HS512"])
    assert raised.value.code == "KeyAlgorithmMismatch"


# --- options and claims ----------------------------------------------------------------------


def test_pyjwt_defaults_check_times_only_when_present(secret: bytes) -> None:
    assert jwt.decode(jwt.encode({"sub": "u"}, secret), secret, algorithms=["HS256"]) == {"sub": "u"}
    with pytest.raises(jwt.MissingRequiredClaimError) as raised:
        jwt.decode(jwt.encode({"sub": "u"}, secret), secret, algorithms=["HS256"], options={"require": ["exp"]})
    assert (raised.value.claim, raised.value.code) == ("exp", "MissingRequiredClaim")
    assert str(raised.value) == 'Token is missing the "exp" claim'


@pytest.mark.parametrize(
    "payload,error,code",
    [
        ({"exp": NOW - 10}, jwt.ExpiredSignatureError, "Expired"),
        ({"nbf": NOW + 600}, jwt.ImmatureSignatureError, "NotYetValid"),
        ({"iat": NOW + 600}, jwt.ImmatureSignatureError, "ImmatureIssuedAt"),
        ({"iat": "yesterday"}, jwt.InvalidIssuedAtError, "MalformedToken"),
        ({"jti": 5}, jwt.InvalidJTIError, "MalformedToken"),
        ({"exp": "never"}, jwt.DecodeError, "MalformedToken"),
    ],
)
def test_time_and_type_checks(secret: bytes, payload: dict, error: type, code: str) -> None:
    token = jwt.api_jws.encode(json.dumps(payload).encode(), secret)
    with pytest.raises(error) as raised:
        jwt.decode(token, secret, algorithms=["HS256"])
    assert raised.value.code == code


def test_verify_flags_turn_checks_off(secret: bytes) -> None:
    token = jwt.encode({"exp": NOW - 10, "nbf": NOW + 600, "iat": NOW + 600, "aud": "x"}, secret)
    options = {"verify_exp": False, "verify_nbf": False, "verify_iat": False, "verify_aud": False}
    assert jwt.decode(token, secret, algorithms=["HS256"], options=options)["aud"] == "x"


@pytest.mark.parametrize("leeway", [20, 20.0, timedelta(seconds=20)])
def test_leeway_in_seconds_or_timedelta(secret: bytes, leeway: Any) -> None:
    token = jwt.encode({"exp": NOW - 10}, secret)
    assert jwt.decode(token, secret, algorithms=["HS256"], leeway=leeway) == {"exp": NOW - 10}


def test_fractional_leeway_is_refused(secret: bytes) -> None:
    with pytest.raises(ValueError):
        jwt.decode(jwt.encode({}, secret), secret, algorithms=["HS256"], leeway=0.5)


def test_audience_issuer_subject(secret: bytes) -> None:
    token = jwt.encode(claims(aud=["a", "b"], iss="i"), secret)
    assert jwt.decode(token, secret, algorithms=["HS256"], audience="b", issuer=["x", "i"], subject="u1")
    assert jwt.decode(token, secret, algorithms=["HS256"], audience={"a"}, issuer="i")
    cases = [
        (dict(audience="c"), jwt.InvalidAudienceError, "InvalidAudience"),
        (dict(), jwt.InvalidAudienceError, "InvalidAudience"),
        (dict(audience="a", issuer="x"), jwt.InvalidIssuerError, "InvalidIssuer"),
        (dict(audience="a", subject="u2"), jwt.InvalidSubjectError, "InvalidSubject"),
    ]
    for kwargs, error, code in cases:
        with pytest.raises(error) as raised:
            jwt.decode(token, secret, algorithms=["HS256"], **kwargs)
        assert raised.value.code == code


def test_expectations_make_claims_mandatory(secret: bytes) -> None:
    token = jwt.encode({"exp": NOW + 60}, secret)
    for kwargs, claim in ((dict(audience="a"), "aud"), (dict(issuer="i"), "iss"), (dict(subject="s"), "sub")):
        with pytest.raises(jwt.MissingRequiredClaimError) as raised:
            jwt.decode(token, secret, algorithms=["HS256"], **kwargs)
        assert raised.value.claim == claim


def test_jwt_core_options_typ_max_age_size_now(secret: bytes) -> None:
    token = jwt.encode({"iat": NOW - 100}, secret, headers={"typ": "at+jwt"})
    assert jwt.decode(token, secret, algorithms=["HS256"], options={"typ": "at+jwt", "max_age": 200})
    for options, error, code in (
        ({"typ": "JWT"}, jwt.InvalidTokenError, "InvalidType"),
        ({"max_age": 50}, jwt.ExpiredSignatureError, "TooOld"),
        ({"max_token_bytes": 20}, jwt.DecodeError, "TokenTooLarge"),
        ({"now": NOW - 1000}, jwt.ImmatureSignatureError, "ImmatureIssuedAt"),
    ):
        with pytest.raises(error) as raised:
            jwt.decode(token, secret, algorithms=["HS256"], options=options)
        assert raised.value.code == code


def test_decode_complete(secret: bytes) -> None:
    token = jwt.encode(claims(), secret, headers={"kid": "k", "x-tenant": {"id": 7}})
    complete = jwt.decode_complete(token, secret, algorithms=["HS256"])
    assert complete["payload"] == claims()
    assert complete["header"] == {"alg": "HS256", "typ": "JWT", "kid": "k", "x-tenant": {"id": 7}}
    assert complete["signature"] == jwt.utils.base64url_decode(token.rsplit(".", 1)[1])


def test_unverified_decoding_reads_and_checks_only_what_it_is_told(secret: bytes) -> None:
    token = jwt.encode({"exp": NOW - 10, "aud": "a"}, secret)
    forged = token.rsplit(".", 1)[0] + ".AAAA"
    unverified = {"verify_signature": False}
    assert jwt.decode(forged, options=unverified) == {"exp": NOW - 10, "aud": "a"}
    assert jwt.decode(forged, options=unverified, audience="b", issuer="i") == {"exp": NOW - 10, "aud": "a"}
    complete = jwt.decode_complete(forged, options=unverified)
    assert (complete["header"]["alg"], complete["signature"]) == ("HS256", b"\0\0\0")
    for options, error, code in (
        ({"verify_exp": True}, jwt.ExpiredSignatureError, "Expired"),
        ({"require": ["sub"]}, jwt.MissingRequiredClaimError, "MissingRequiredClaim"),
        ({"verify_aud": True}, jwt.InvalidAudienceError, "InvalidAudience"),
    ):
        with pytest.raises(error) as raised:
            jwt.decode(forged, options={**unverified, **options})
        assert raised.value.code == code
    with pytest.raises(jwt.InvalidIssuerError):
        jwt.decode(jwt.encode({"iss": "x"}, secret), issuer="i", options={**unverified, "verify_iss": True})
    # The JWS layer reads an unverified payload as bytes.
    read = jwt.api_jws.decode_complete(forged, options=unverified)
    assert (read["payload"], read["signature"]) == (jwt.utils.base64url_decode(token.split(".")[1]), b"\0\0\0")


def test_strict_audience(secret: bytes) -> None:
    strict = {"strict_aud": True}
    one = jwt.encode({"aud": "api"}, secret)
    assert jwt.decode(one, secret, algorithms=["HS256"], audience="api", options=strict) == {"aud": "api"}
    listed = jwt.encode({"aud": ["api"]}, secret)
    assert jwt.decode(listed, secret, algorithms=["HS256"], audience="api") == {"aud": ["api"]}
    with pytest.raises(jwt.InvalidAudienceError) as raised:
        jwt.decode(listed, secret, algorithms=["HS256"], audience="api", options=strict)
    assert (raised.value.code, raised.value.problem) == ("InvalidAudience", "NotOneString")
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(one, secret, algorithms=["HS256"], audience="other", options=strict)
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(one, secret, algorithms=["HS256"], audience=["api"], options=strict)
    with pytest.raises(jwt.MissingRequiredClaimError):
        jwt.decode(jwt.encode({}, secret), secret, algorithms=["HS256"], audience="api", options=strict)


def test_pyjwt_class_keeps_its_options(secret: bytes) -> None:
    lenient = jwt.PyJWT(options={"verify_exp": False})
    token = jwt.encode({"exp": NOW - 10}, secret)
    assert lenient.decode(token, secret, algorithms=["HS256"]) == {"exp": NOW - 10}
    with pytest.raises(jwt.ExpiredSignatureError):
        lenient.decode(token, secret, algorithms=["HS256"], options={"verify_exp": True})


def test_encode_converts_datetimes_and_uses_json_encoder(secret: bytes) -> None:
    class Point:
        pass

    class Encoder(json.JSONEncoder):
        def default(self, o: Any) -> Any:
            return "point" if isinstance(o, Point) else super().default(o)

    when = datetime(2100, 1, 1, tzinfo=timezone.utc)
    token = jwt.encode({"exp": when, "p": Point(), "t": (1, 2)}, secret, json_encoder=Encoder)
    assert jwt.decode(token, secret, algorithms=["HS256"]) == {"exp": 4102444800, "p": "point", "t": [1, 2]}
    with pytest.raises(TypeError, match="not JSON serializable"):
        jwt.encode({"p": Point()}, secret)


def test_encode_refuses_what_verification_would_refuse(secret: bytes) -> None:
    with pytest.raises(TypeError, match="Expecting a dict"):
        jwt.encode(["a"], secret)  # type: ignore[arg-type]
    for payload in ({"iss": 1}, {"exp": "tomorrow"}, {"aud": [1]}):
        with pytest.raises(jwt.InvalidClaimsError) as raised:
            jwt.encode(payload, secret)
        assert raised.value.code == "InvalidClaims"
        assert isinstance(raised.value, TypeError)


def test_headers(secret: bytes) -> None:
    token = jwt.encode({}, secret, headers={"typ": None, "kid": "k1", "cty": "x"})
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "kid": "k1", "cty": "x"}
    token = jwt.encode({}, secret, algorithm="HS512", headers={"alg": "HS256"})
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    with pytest.raises(jwt.InvalidTokenError):
        jwt.encode({}, secret, headers={"kid": 5})


#: PyJWT's algorithm names; those jwt-core does not implement (yet) are refused by name.
PYJWT_ALGORITHMS = ("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                    "ES256", "ES256K", "ES384", "ES512", "EdDSA")
UNIMPLEMENTED = [name for name in PYJWT_ALGORITHMS if name not in jwt._native.ALGORITHMS]


def test_unimplemented_algorithms_name_the_implemented_ones(secret: bytes) -> None:
    for alg in (*UNIMPLEMENTED, "XS999", "none", None):
        with pytest.raises(NotImplementedError, match="HS256, HS384"):
            jwt.encode({}, secret, algorithm=alg)
    token = jwt.encode(claims(), secret)
    # Unknown names in the allow-list simply never match.
    assert jwt.decode(token, secret, algorithms=["XS999", "HS256"]) == claims()
    with pytest.raises(jwt.InvalidAlgorithmError) as raised:
        jwt.decode(token, secret, algorithms=["XS999", "none"])
    assert raised.value.code == "InvalidAlgorithm"


def test_algorithm_classes_come_from_the_core(secret: bytes) -> None:
    algorithms = jwt.algorithms.get_default_algorithms()
    assert sorted(algorithms) == sorted(jwt._native.ALGORITHMS)
    for name, algorithm in algorithms.items():
        assert algorithm.alg == name
        assert isinstance(algorithm, jwt.algorithms.Algorithm)
    assert isinstance(algorithms["RS256"], jwt.algorithms.RSAAlgorithm)
    assert isinstance(algorithms["EdDSA"], jwt.algorithms.OKPAlgorithm)
    assert jwt.algorithms.HMACAlgorithm(jwt.algorithms.HMACAlgorithm.SHA384).alg == "HS384"
    assert jwt.algorithms.RSAAlgorithm(jwt.algorithms.RSAAlgorithm.SHA512).alg == "RS512"
    constructors = {
        "PS256": lambda: jwt.algorithms.RSAPSSAlgorithm(jwt.algorithms.RSAPSSAlgorithm.SHA256),
        "ES256": lambda: jwt.algorithms.ECAlgorithm(jwt.algorithms.ECAlgorithm.SHA256),
    }
    for name, make in constructors.items():
        if name in UNIMPLEMENTED:
            with pytest.raises(NotImplementedError, match="HS256"):
                make()
        else:
            assert make().alg == name


# --- deliberate strictness --------------------------------------------------------------------


def test_none_is_never_accepted(secret: bytes) -> None:
    header = jwt.utils.base64url_encode(b'{"alg":"none"}').decode()
    payload = jwt.utils.base64url_encode(b'{"sub":"admin"}').decode()
    with pytest.raises(jwt.InvalidAlgorithmError) as raised:
        jwt.decode(f"{header}.{payload}.", secret, algorithms=["HS256", "none"])
    assert raised.value.code == "InvalidAlgorithm"


def test_pem_text_never_becomes_an_hmac_secret(rsa_public: str) -> None:
    # The classic forgery: HS256 keyed with the server's public key text.
    token = jwt.api_jws.encode(b'{"sub":"admin"}', Key.secret(rsa_public.encode()), algorithm="HS256")
    with pytest.raises(jwt.InvalidKeyError) as raised:
        jwt.decode(token, rsa_public, algorithms=["HS256", "RS256"])
    assert raised.value.code == "KeyAlgorithmMismatch"


def test_strict_json_and_base64(secret: bytes) -> None:
    duplicate = jwt.api_jws.encode(b'{"sub":"a","sub":"b"}', secret)
    with pytest.raises(jwt.DecodeError) as raised:
        jwt.decode(duplicate, secret, algorithms=["HS256"])
    assert raised.value.code == "MalformedToken"
    token = jwt.encode({}, secret)
    with pytest.raises(jwt.DecodeError):
        jwt.decode(token + "=", secret, algorithms=["HS256"])


def test_crit_is_honoured(secret: bytes) -> None:
    header = jwt.utils.base64url_encode(b'{"alg":"HS256","crit":["x"],"x":1}').decode()
    body = jwt.utils.base64url_encode(b"{}").decode()
    signature = jwt.utils.base64url_encode(Key.secret(secret).sign("HS256", f"{header}.{body}".encode())).decode()
    with pytest.raises(jwt.InvalidTokenError) as raised:
        jwt.decode(f"{header}.{body}.{signature}", secret, algorithms=["HS256"])
    assert raised.value.code == "UnsupportedCriticalHeader"


def test_short_secrets_warn_or_are_refused() -> None:
    token = jwt.encode({}, "k" * 40, algorithm="HS256")
    with pytest.warns(jwt.InsecureKeyLengthWarning):
        short = jwt.encode({}, "short")
    with pytest.warns(jwt.InsecureKeyLengthWarning):
        assert jwt.decode(short, "short", algorithms=["HS256"]) == {}
    with pytest.raises(jwt.InvalidKeyError) as raised:
        jwt.decode(short, "short", algorithms=["HS256"], options={"enforce_minimum_key_length": True})
    assert raised.value.code == "InvalidKey"
    # 40 bytes suffice for HS256 but not for HS512.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert jwt.decode(token, "k" * 40, algorithms=["HS256"]) == {}
    with pytest.warns(jwt.InsecureKeyLengthWarning):
        jwt.encode({}, "k" * 40, algorithm="HS512")
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(jwt.encode({}, ""), "", algorithms=["HS256"])


def test_weak_rsa_keys_are_refused() -> None:
    with pytest.raises(jwt.InvalidKeyError) as raised:
        token = jwt.encode({}, key_text("rsa2048-private-pkcs8.pem"), algorithm="RS256")
        jwt.decode(token, key_text("rsa1024-public-spki.pem"), algorithms=["RS256"])
    assert raised.value.code == "InvalidKey"


# --- modules ------------------------------------------------------------------------------------


def test_modules_have_pyjwts_names() -> None:
    import jwt_core.algorithms
    import jwt_core.api_jwk
    import jwt_core.api_jws
    import jwt_core.api_jwt
    import jwt_core.exceptions
    import jwt_core.jwk_set_cache
    import jwt_core.jwks_client
    import jwt_core.types
    import jwt_core.utils
    import jwt_core.warnings

    assert jwt_core.api_jwt.PyJWT and jwt_core.api_jws.PyJWS and jwt_core.jwks_client.PyJWKClient
    assert jwt_core.algorithms.has_crypto is True
    assert sorted(jwt_core.algorithms.get_default_algorithms()) == sorted(jwt_core._native.ALGORITHMS)
    assert issubclass(jwt.InvalidSignatureError, jwt.DecodeError)
    assert issubclass(jwt.DecodeError, jwt.InvalidTokenError)
    assert issubclass(jwt.InvalidTokenError, jwt.PyJWTError)
    assert issubclass(jwt.PyJWKClientConnectionError, jwt.PyJWKClientError)


def test_utils_recognise_key_material_as_decoding_does(secret: bytes, ed_public: str) -> None:
    ssh = b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
    assert jwt.utils.is_pem_format(ed_public.encode())
    assert jwt.utils.is_ssh_key(ssh) and jwt.utils.is_ssh_key(b"\xef\xbb\xbf" + ssh)
    assert not jwt.utils.is_pem_format(secret) and not jwt.utils.is_ssh_key(secret)
    token = jwt.encode({"sub": "u"}, secret, algorithm="HS256")
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(token, ssh, algorithms=["HS256"])


@pytest.mark.parametrize("name", ["HS256", "RS256", "EdDSA"])
def test_algorithm_objects(name: str, secret: bytes, rsa_private: str, ed_private: str) -> None:
    algorithm = jwt.get_algorithm_by_name(name)
    material = {"HS256": secret, "RS256": rsa_private, "EdDSA": ed_private}[name]
    key = algorithm.prepare_key(material)
    signature = algorithm.sign(b"message", key)
    assert algorithm.verify(b"message", key, signature)
    assert not algorithm.verify(b"massage", key, signature)
    again = algorithm.from_jwk(algorithm.to_jwk(key))
    assert again.verify(name, b"message", signature)
    assert algorithm.check_key_length(key) is None


def test_functions_have_docstrings() -> None:
    for function in (jwt.decode, jwt.decode_complete, jwt.encode, jwt.get_unverified_header):
        assert function.__doc__ and len(function.__doc__) > 20


# --- exceptions carry the core's detail -------------------------------------------------------


def test_exceptions_carry_the_cores_fields(secret: bytes, ed_public: str) -> None:
    def refusal(token: str, key: Any = secret, **kwargs: Any) -> Any:
        with pytest.raises(jwt.PyJWTError) as raised:
            jwt.decode(token, key, algorithms=kwargs.pop("algorithms", ["HS256"]), **kwargs)
        return raised.value

    expired = refusal(jwt.encode({"exp": NOW - 10}, secret), leeway=5, options={"now": NOW})
    assert (type(expired), expired.code) == (jwt.ExpiredSignatureError, "Expired")
    assert (expired.exp, expired.now, expired.leeway) == (NOW - 10, NOW, 5)
    early = refusal(jwt.encode({"nbf": NOW + 10}, secret), options={"now": NOW})
    assert (early.code, early.nbf, early.now) == ("NotYetValid", NOW + 10, NOW)
    old = refusal(jwt.encode({"iat": NOW - 100}, secret), options={"now": NOW, "max_age": 50})
    assert (old.code, old.iat, old.max_age, old.now) == ("TooOld", NOW - 100, 50, NOW)
    missing = refusal(jwt.encode({}, secret), options={"require": ["jti"]})
    assert (type(missing), missing.claim) == (jwt.MissingRequiredClaimError, "jti")
    issuer = refusal(jwt.encode({"iss": "x"}, secret), issuer="i")
    assert (issuer.code, issuer.claim, issuer.found) == ("InvalidIssuer", "iss", "x")
    subject = refusal(jwt.encode({"sub": "x"}, secret), subject="s")
    assert (subject.code, subject.found) == ("InvalidSubject", "x")
    audience = refusal(jwt.encode({"aud": "x"}, secret))
    assert (audience.code, audience.problem) == ("InvalidAudience", "Unexpected")
    typed = refusal(jwt.encode({}, secret), options={"typ": "at+jwt"})
    assert (typed.code, typed.expected, typed.found) == ("InvalidType", "at+jwt", "JWT")
    mistyped = refusal(jwt.api_jws.encode(b'{"iat":"now"}', secret))
    assert (type(mistyped), mistyped.claim) == (jwt.InvalidIssuedAtError, "iat")
    large = refusal(jwt.encode({}, secret), options={"max_token_bytes": 20})
    assert (large.code, large.limit) == ("TokenTooLarge", 20)
    assert large.actual > 20
    bad_json = refusal(jwt.api_jws.encode(b'{\n "a": }', secret))
    assert (bad_json.code, bad_json.segment, bad_json.line, bad_json.column) == ("MalformedToken", "payload", 2, 7)
    assert bad_json.fault == "unexpected character"
    padded = refusal(jwt.encode({}, secret) + "=")
    assert (padded.code, padded.segment) == ("MalformedToken", "signature")
    not_allowed = refusal(jwt.encode({}, secret), algorithms=["HS512"])
    assert (type(not_allowed), not_allowed.algorithm) == (jwt.InvalidAlgorithmError, "HS256")
    mismatch = refusal(jwt.encode({}, secret), ed_public)
    assert (type(mismatch), mismatch.code) == (jwt.InvalidKeyError, "KeyAlgorithmMismatch")
    assert (mismatch.algorithm, mismatch.family, mismatch.restricted_to) == ("HS256", "Ed25519", None)
    keyset = {"keys": [json.loads(Key(ed_public).to_jwk())]}
    unknown = refusal(jwt.encode({}, Key(key_text("ed25519-private-pkcs8.pem")), algorithm="EdDSA",
                                 headers={"kid": "k9"}), keyset, algorithms=["EdDSA"])
    assert (unknown.code, unknown.kid) == ("UnknownKeyId", "k9")


def test_key_exceptions_carry_the_cores_fields() -> None:
    with pytest.raises(jwt.InvalidKeyError) as raised:
        jwt.decode(jwt.encode({}, "k" * 40), "k" * 20, algorithms=["HS256"],
                   options={"enforce_minimum_key_length": True})
    assert (raised.value.length, raised.value.minimum) == (20, 32)
    with pytest.raises(jwt.InvalidKeyError) as raised:
        Key(key_text("rsa1024-public-spki.pem"))
    assert (raised.value.code, raised.value.bits) == ("InvalidKey", 1024)
    with pytest.raises(jwt.InvalidKeyError) as raised:
        Key({"kty": "RSA", "e": "AQAB"})
    assert raised.value.member == "n"
