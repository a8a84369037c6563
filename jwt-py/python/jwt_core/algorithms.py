"""PyJWT's algorithm objects over jwt-core's keys.

Each algorithm object names one of jwt-core's algorithms; its keys are jwt-core keys
(:class:`jwt_core._native.Key`), parsed once by ``prepare_key`` from any form ``decode``
accepts. Every signature and verification is jwt-core's.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from typing import Any, ClassVar, Dict, Optional, Union

from . import _native
from .exceptions import InvalidKeyError
from .types import HashlibHash, JWKDict

#: Always True: jwt_core's RSA and EdDSA need no ``cryptography`` (PyJWT's flag says
#: whether they are available).
has_crypto = True

#: PyJWT's algorithms that need ``cryptography``: none of jwt_core's do.
requires_cryptography: "set[str]" = set()

Key = _native.Key

#: PyJWT's key type aliases. jwt_core takes its own parsed keys and every form they parse
#: from (text, bytes, JWK dicts, ``cryptography`` key objects).
AllowedRSAKeys = Any
AllowedECKeys = Any
AllowedOKPKeys = Any
AllowedKeys = Any
AllowedPrivateKeys = Any
AllowedPublicKeys = Any


def _jwk_text(jwk: Union[str, bytes, JWKDict]) -> Union[str, JWKDict]:
    if isinstance(jwk, (str, bytes, dict)):
        return jwk
    raise InvalidKeyError("Key is not valid JSON")


class Algorithm(ABC):
    """An algorithm that signs and verifies: PyJWT's interface."""

    #: The registered name (``alg``) this object signs and verifies.
    name: ClassVar[str] = ""

    def compute_hash_digest(self, bytestr: bytes) -> bytes:
        """The digest of ``bytestr`` with this algorithm's hash (not for EdDSA)."""
        hash_alg = getattr(self, "hash_alg", None)
        if hash_alg is None:
            raise NotImplementedError
        return bytes(hash_alg(bytestr).digest())

    @abstractmethod
    def prepare_key(self, key: Any) -> Any:
        """The key, parsed for this algorithm."""

    @abstractmethod
    def sign(self, msg: bytes, key: Any) -> bytes:
        """The signature of ``msg``."""

    @abstractmethod
    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        """Whether ``sig`` is the signature of ``msg``."""

    @staticmethod
    @abstractmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Union[JWKDict, str]:
        """The key as a JWK."""

    @staticmethod
    @abstractmethod
    def from_jwk(jwk: Union[str, JWKDict]) -> Any:
        """A key from a JWK."""

    def check_key_length(self, key: Any) -> Optional[str]:
        """Why the key is too short for this algorithm, or None."""
        return None


class _CoreAlgorithm(Algorithm):
    """An algorithm of jwt-core, named by ``alg``."""

    family: ClassVar[str] = ""

    def __init__(self, alg: str) -> None:
        self.alg = alg

    def prepare_key(self, key: Any) -> "_native.Key":
        """Parses ``key`` (any form ``decode`` takes) and checks it fits this algorithm."""
        if key is None:
            raise TypeError("Expected a string or bytes value")
        parsed = key if isinstance(key, Key) else Key(key)
        parsed.check(self.alg)
        return parsed

    def check_key_length(self, key: Any) -> Optional[str]:
        """The core's refusal of a short HMAC secret, as PyJWT's warning text, or None."""
        return self.prepare_key(key).check(self.alg)

    def sign(self, msg: bytes, key: Any) -> bytes:
        """The signature of ``msg`` with ``key``."""
        return self.prepare_key(key).sign(self.alg, msg)

    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        """Whether ``sig`` is this algorithm's signature of ``msg`` with ``key``."""
        return self.prepare_key(key).verify(self.alg, msg, sig)

    @classmethod
    def _from_jwk(cls, jwk: Union[str, JWKDict], kty: str) -> "_native.Key":
        text = _jwk_text(jwk)
        try:
            members = json.loads(text) if isinstance(text, (str, bytes)) else text
        except ValueError:
            raise InvalidKeyError("Key is not valid JSON") from None
        if not isinstance(members, dict) or members.get("kty") != kty:
            raise InvalidKeyError(f"Not a {kty} key")
        return Key.from_jwk(text)

    @staticmethod
    def _to_jwk(key_obj: Any, as_dict: bool, private: Optional[bool]) -> Union[JWKDict, str]:
        key = key_obj if isinstance(key_obj, Key) else Key(key_obj)
        text = key.to_jwk(private=key.is_private if private is None else private)
        return json.loads(text) if as_dict else text


class HMACAlgorithm(_CoreAlgorithm):
    """HS256, HS384 and HS512."""

    SHA256: ClassVar[HashlibHash] = hashlib.sha256
    SHA384: ClassVar[HashlibHash] = hashlib.sha384
    SHA512: ClassVar[HashlibHash] = hashlib.sha512
    _NAMES: ClassVar[Dict[Any, str]] = {
        hashlib.sha256: "HS256",
        hashlib.sha384: "HS384",
        hashlib.sha512: "HS512",
    }

    def __init__(self, hash_alg: HashlibHash) -> None:
        super().__init__(self._NAMES[hash_alg])
        self.hash_alg = hash_alg

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Union[JWKDict, str]:
        """The secret as an ``oct`` JWK."""
        return _CoreAlgorithm._to_jwk(key_obj, as_dict, True)

    @staticmethod
    def from_jwk(jwk: Union[str, JWKDict]) -> "_native.Key":
        """A secret from an ``oct`` JWK."""
        return _CoreAlgorithm._from_jwk(jwk, "oct")


class _Sha2Names:
    """Hash markers of the RSA algorithms (PyJWT passes ``cryptography`` hash classes)."""

    SHA256 = "SHA256"
    SHA384 = "SHA384"
    SHA512 = "SHA512"


class RSAAlgorithm(_CoreAlgorithm):
    """RS256, RS384 and RS512 (RSASSA-PKCS1-v1_5), with moduli of 2048 bits or more."""

    SHA256: ClassVar[str] = _Sha2Names.SHA256
    SHA384: ClassVar[str] = _Sha2Names.SHA384
    SHA512: ClassVar[str] = _Sha2Names.SHA512

    def __init__(self, hash_alg: Any) -> None:
        name = getattr(hash_alg, "name", hash_alg)
        bits = str(name).upper().replace("SHA", "").replace("-", "")
        super().__init__(f"RS{bits}")
        self.hash_alg = getattr(hashlib, f"sha{bits}")

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Union[JWKDict, str]:
        """The key as an ``RSA`` JWK (private members only for a private key)."""
        return _CoreAlgorithm._to_jwk(key_obj, as_dict, None)

    @staticmethod
    def from_jwk(jwk: Union[str, JWKDict]) -> "_native.Key":
        """A key from an ``RSA`` JWK."""
        return _CoreAlgorithm._from_jwk(jwk, "RSA")


class OKPAlgorithm(_CoreAlgorithm):
    """EdDSA over Ed25519."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("EdDSA")

    @staticmethod
    def to_jwk(key: Any, as_dict: bool = False) -> Union[JWKDict, str]:
        """The key as an ``OKP`` JWK (``d`` only for a private key)."""
        return _CoreAlgorithm._to_jwk(key, as_dict, None)

    @staticmethod
    def from_jwk(jwk: Union[str, JWKDict]) -> "_native.Key":
        """A key from an ``OKP`` Ed25519 JWK."""
        return _CoreAlgorithm._from_jwk(jwk, "OKP")


class _Unimplemented(Algorithm):
    """An algorithm of PyJWT's that jwt-core does not implement: importable, so that programs
    naming it still load, and refused when made."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(
            f"{type(self).__name__} is not implemented by jwt_core "
            f"(it implements {', '.join(_native.ALGORITHMS)})"
        )

    def prepare_key(self, key: Any) -> Any:
        raise NotImplementedError

    def sign(self, msg: bytes, key: Any) -> bytes:
        raise NotImplementedError

    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        raise NotImplementedError

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Union[JWKDict, str]:
        raise NotImplementedError

    @staticmethod
    def from_jwk(jwk: Union[str, JWKDict]) -> Any:
        raise NotImplementedError


class NoneAlgorithm(_Unimplemented):
    """``none``: never accepted by jwt_core, for signing or verifying."""


class ECAlgorithm(_Unimplemented):
    """ES256/ES384/ES512: not implemented by jwt_core."""


class RSAPSSAlgorithm(_Unimplemented):
    """PS256/PS384/PS512: not implemented by jwt_core."""


def get_default_algorithms() -> Dict[str, Algorithm]:
    """The algorithms jwt_core implements, by name (``none`` is never one of them)."""
    return {
        "HS256": HMACAlgorithm(HMACAlgorithm.SHA256),
        "HS384": HMACAlgorithm(HMACAlgorithm.SHA384),
        "HS512": HMACAlgorithm(HMACAlgorithm.SHA512),
        "RS256": RSAAlgorithm(RSAAlgorithm.SHA256),
        "RS384": RSAAlgorithm(RSAAlgorithm.SHA384),
        "RS512": RSAAlgorithm(RSAAlgorithm.SHA512),
        "EdDSA": OKPAlgorithm(),
    }
