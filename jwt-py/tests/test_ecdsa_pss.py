"""ES256, ES384 (ECDSA) and PS256/384/512 (RSASSA-PSS) through PyJWT's API: `encode`/`decode`,
`PyJWK` and the algorithm classes, with each EC curve bound to its algorithm."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

import jwt_core as jwt
from conftest import key_text
from jwt_core.algorithms import ECAlgorithm, Key, RSAPSSAlgorithm

NOW = int(time.time())

#: Each ECDSA algorithm with its curve's key files (PKCS#8 and SEC1 private, SPKI public).
EC = {
    "ES256": ("p256-private-pkcs8.pem", "p256-private-sec1.pem", "p256-public-spki.pem"),
    "ES384": ("p384-private-pkcs8.pem", "p384-private-sec1.pem", "p384-public-spki.pem"),
}
OTHER_CURVE = {"ES256": "ES384", "ES384": "ES256"}


def claims(**extra: Any) -> dict:
    return {"sub": "u1", "exp": NOW + 600, **extra}


@pytest.mark.parametrize("alg", sorted(EC))
def test_ecdsa_round_trip_with_every_key_form(alg: str) -> None:
    pkcs8, sec1, spki = (key_text(name) for name in EC[alg])
    token = jwt.encode(claims(), pkcs8, algorithm=alg)
    assert jwt.get_unverified_header(token) == {"alg": alg, "typ": "JWT"}
    public_jwk = json.loads(Key(spki).to_jwk())
    for key in (spki, spki.encode(), sec1, pkcs8, public_jwk, json.dumps(public_jwk)):
        assert jwt.decode(token, key, algorithms=[alg]) == claims()
    assert jwt.decode(jwt.encode(claims(), sec1, algorithm=alg), spki, algorithms=[alg]) == claims()


@pytest.mark.parametrize("alg", sorted(EC))
def test_ecdsa_signature_of_another_key_is_refused(alg: str) -> None:
    token = jwt.encode(claims(), key_text(EC[alg][0]), algorithm=alg)
    header, payload, _ = token.split(".")
    other = jwt.encode(claims(sub="u2"), key_text(EC[alg][0]), algorithm=alg).split(".")[2]
    with pytest.raises(jwt.InvalidSignatureError) as raised:
        jwt.decode(f"{header}.{payload}.{other}", key_text(EC[alg][2]), algorithms=[alg])
    assert raised.value.code == "InvalidSignature"


def test_ecdsa_wrong_curve_is_refused() -> None:
    p384_private = key_text("p384-private-pkcs8.pem")
    with pytest.raises(jwt.InvalidKeyError, match="ES256 needs a P-256 key, not a P-384 key") as raised:
        jwt.encode(claims(), p384_private, algorithm="ES256")
    assert raised.value.code == "InvalidKey"
    es384 = jwt.encode(claims(), p384_private, algorithm="ES384")
    # A P-256 key never verifies an ES384 token, even with both names allowed.
    with pytest.raises(jwt.InvalidKeyError, match="ES384 needs a P-384 key") as raised:
        jwt.decode(es384, key_text("p256-public-spki.pem"), algorithms=["ES256", "ES384"])
    assert raised.value.code == "InvalidKey"
    with pytest.raises(jwt.InvalidKeyError) as raised:
        jwt.decode(es384, key_text("p521-public-spki.pem"), algorithms=["ES384"])
    assert raised.value.code == "InvalidKey"


def test_ecdsa_token_is_refused_outside_the_allow_list() -> None:
    token = jwt.encode(claims(), key_text("p256-private-pkcs8.pem"), algorithm="ES256")
    with pytest.raises(jwt.InvalidAlgorithmError) as raised:
        jwt.decode(token, key_text("p256-public-spki.pem"), algorithms=["ES384", "RS256"])
    assert raised.value.code == "InvalidAlgorithm"


@pytest.mark.parametrize("alg", ["PS256", "PS384", "PS512"])
def test_pss_round_trip_and_not_pkcs1(alg: str, rsa_private: str, rsa_public: str) -> None:
    token = jwt.encode(claims(), rsa_private, algorithm=alg)
    assert jwt.get_unverified_header(token)["alg"] == alg
    for key in (rsa_public, key_text("rsa2048-public-pkcs1.pem"), json.loads(Key(rsa_public).to_jwk())):
        assert jwt.decode(token, key, algorithms=[alg]) == claims()
    # The same key's PKCS#1 v1.5 signature is no PSS signature.
    header, payload, _ = token.split(".")
    pkcs1 = jwt.encode(claims(), rsa_private, algorithm="RS" + alg[2:]).split(".")[2]
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(f"{header}.{payload}.{pkcs1}", rsa_public, algorithms=[alg])
    with pytest.raises(jwt.InvalidKeyError) as raised:
        jwt.encode(claims(), key_text("rsa1024-private-pkcs8.pem"), algorithm=alg)
    assert raised.value.code == "InvalidKey"


def test_cryptography_ec_key_objects() -> None:
    serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
    private = serialization.load_pem_private_key(key_text("p256-private-pkcs8.pem").encode(), None)
    token = jwt.encode(claims(), private, algorithm="ES256")
    assert jwt.decode(token, private.public_key(), algorithms=["ES256"]) == claims()


@pytest.mark.parametrize("alg", sorted(EC))
def test_pyjwk_of_an_ec_dict_names_its_curves_algorithm(alg: str) -> None:
    signer = Key(key_text(EC[alg][0]))
    public = {**json.loads(signer.to_jwk()), "kid": "ec1"}
    assert "alg" not in public
    pyjwk = jwt.PyJWK(public)
    assert (pyjwk.key_type, pyjwk.key_id, pyjwk.algorithm_name) == ("EC", "ec1", alg)
    assert isinstance(pyjwk.Algorithm, ECAlgorithm)
    token = jwt.encode(claims(), jwt.PyJWK(json.loads(signer.to_jwk(private=True))), headers={"kid": "ec1"})
    assert jwt.get_unverified_header(token)["alg"] == alg
    assert jwt.decode(token, pyjwk) == claims()
    keyset = jwt.PyJWKSet.from_dict({"keys": [public]})
    assert jwt.decode(token, keyset, algorithms=[alg]) == claims()
    # Bound to the other curve's algorithm, the key is refused.
    with pytest.raises(jwt.InvalidKeyError, match=f"{OTHER_CURVE[alg]} needs a") as raised:
        jwt.PyJWK(public, algorithm=OTHER_CURVE[alg])
    assert raised.value.code == "InvalidKey"


def test_pyjwk_of_an_unimplemented_curve() -> None:
    public = json.loads(Key(key_text("p384-public-spki.pem")).to_jwk())
    with pytest.raises(jwt.PyJWKError, match="Unable to find an algorithm"):
        jwt.PyJWK({**public, "crv": "P-521", "alg": "ES512"})
    with pytest.raises(jwt.InvalidKeyError, match="Unsupported crv"):
        jwt.PyJWK({"kty": "EC", "crv": "P-192", "x": "AA", "y": "AA"})


@pytest.mark.parametrize("alg", sorted(EC))
def test_ec_algorithm_class(alg: str) -> None:
    algorithm = jwt.get_algorithm_by_name(alg)
    assert isinstance(algorithm, ECAlgorithm)
    assert type(algorithm)(getattr(ECAlgorithm, "SHA" + alg[2:])).alg == alg
    private = algorithm.prepare_key(key_text(EC[alg][0]))
    public = algorithm.prepare_key(key_text(EC[alg][2]))
    signature = algorithm.sign(b"message", private)
    assert len(signature) == {"ES256": 64, "ES384": 96}[alg]
    assert algorithm.verify(b"message", public, signature)
    assert not algorithm.verify(b"massage", public, signature)
    assert not algorithm.verify(b"message", public, signature[:-1])
    jwk = algorithm.to_jwk(public, as_dict=True)
    assert (jwk["kty"], jwk["crv"]) == ("EC", {"ES256": "P-256", "ES384": "P-384"}[alg])
    assert "d" not in jwk and "d" in algorithm.to_jwk(private, as_dict=True)
    assert algorithm.from_jwk(algorithm.to_jwk(public)).verify(alg, b"message", signature)
    assert algorithm.from_jwk(algorithm.to_jwk(private)).verify(alg, b"message", signature)
    with pytest.raises(jwt.InvalidKeyError, match="Not a EC key"):
        algorithm.from_jwk(Key(key_text("rsa2048-public-spki.pem")).to_jwk())
    # The other curve's key, and keys of other families, are refused by this algorithm.
    with pytest.raises(jwt.InvalidKeyError, match=f"{alg} needs a") as raised:
        algorithm.prepare_key(key_text(EC[OTHER_CURVE[alg]][0]))
    assert raised.value.code == "InvalidKey"
    with pytest.raises(jwt.InvalidKeyError) as raised:
        algorithm.prepare_key(key_text("rsa2048-public-spki.pem"))
    assert raised.value.code == "KeyAlgorithmMismatch"


def test_ec_algorithm_expected_curve() -> None:
    es256 = jwt.algorithms.get_default_algorithms()["ES256"]
    ec = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ec")
    assert es256.expected_curve is ec.SECP256R1
    assert ECAlgorithm(ECAlgorithm.SHA384, ec.SECP384R1).expected_curve is ec.SECP384R1
    assert ECAlgorithm(ECAlgorithm.SHA256, "secp256r1").alg == "ES256"
    # jwt-core's ES256 verifies P-256 keys only: another expected curve is refused at once.
    with pytest.raises(NotImplementedError, match="ES256 verifies secp256r1 keys only"):
        ECAlgorithm(ECAlgorithm.SHA256, ec.SECP384R1)
    with pytest.raises(NotImplementedError, match="HS256"):
        ECAlgorithm(ECAlgorithm.SHA512, ec.SECP521R1)
    # Without an expected curve, the algorithm's own curve still binds its keys.
    with pytest.raises(jwt.InvalidKeyError):
        ECAlgorithm(ECAlgorithm.SHA256).prepare_key(key_text("p384-public-spki.pem"))


def test_rsa_pss_algorithm_class(rsa_private: str, rsa_public: str) -> None:
    pss = RSAPSSAlgorithm(RSAPSSAlgorithm.SHA256)
    assert pss.alg == "PS256"
    assert isinstance(jwt.get_algorithm_by_name("PS512"), RSAPSSAlgorithm)
    signature = pss.sign(b"message", pss.prepare_key(rsa_private))
    assert pss.verify(b"message", pss.prepare_key(rsa_public), signature)
    assert not pss.verify(b"massage", rsa_public, signature)
    # PSS and PKCS#1 v1.5 signatures of the same key are not interchangeable.
    pkcs1 = jwt.get_algorithm_by_name("RS256")
    assert not pkcs1.verify(b"message", rsa_public, signature)
    assert not pss.verify(b"message", rsa_public, pkcs1.sign(b"message", rsa_private))
    assert pss.from_jwk(pss.to_jwk(rsa_public)).verify("PS256", b"message", signature)
    with pytest.raises(jwt.InvalidKeyError) as raised:
        pss.prepare_key(key_text("p256-public-spki.pem"))
    assert raised.value.code == "KeyAlgorithmMismatch"
