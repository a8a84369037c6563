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

#: Always True: jwt_core's RSA, ECDSA and EdDSA need no ``cryptography`` (PyJWT's flag says
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
    """An algorithm of jwt-core, named by ``alg``: one of ``_native.ALGORITHMS``."""

    #: The ``kty`` of the JWKs this class reads (PyJWT refuses JWKs of another type).
    kty: ClassVar[str] = ""

    def __init__(self, alg: str) -> None:
        if alg not in _native.ALGORITHMS:
            raise NotImplementedError(
                f"Algorithm not supported: {alg!r} (jwt_core implements {', '.join(_native.ALGORITHMS)})"
            )
        self.alg = alg
        # RFC 7518's names end in the size of their SHA-2 hash (PyJWT's `hash_alg`).
        bits = alg[-3:]
        self.hash_alg = getattr(hashlib, f"sha{bits}", None) if bits.isdigit() else None

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

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Union[JWKDict, str]:
        """The key as a JWK (private members only for a private key)."""
        return _CoreAlgorithm._to_jwk(key_obj, as_dict, None)

    @classmethod
    def from_jwk(cls, jwk: Union[str, JWKDict]) -> "_native.Key":  # type: ignore[override]
        """A key from a JWK of this class's ``kty``."""
        text = _jwk_text(jwk)
        if cls.kty:
            try:
                members = json.loads(text) if isinstance(text, (str, bytes)) else text
            except ValueError:
                raise InvalidKeyError("Key is not valid JSON") from None
            if not isinstance(members, dict) or members.get("kty") != cls.kty:
                raise InvalidKeyError(f"Not a {cls.kty} key")
        return Key.from_jwk(text)

    @staticmethod
    def _to_jwk(key_obj: Any, as_dict: bool, private: Optional[bool]) -> Union[JWKDict, str]:
        key = key_obj if isinstance(key_obj, Key) else Key(key_obj)
        text = key.to_jwk(private=key.is_private if private is None else private)
        return json.loads(text) if as_dict else text


def _hash_bits(hash_alg: Any) -> str:
    """The size in bits of a hash as PyJWT's algorithm classes take one: a ``hashlib``
    constructor, a ``cryptography`` hash class, or a name such as ``"SHA256"``."""
    name = hash_alg if isinstance(hash_alg, str) else getattr(hash_alg, "name", None)
    if name is None and callable(hash_alg):
        name = hash_alg().name
    return "".join(ch for ch in str(name) if ch.isdigit())[-3:]


class _Sha2:
    """The hashes PyJWT's algorithm classes name (``cryptography`` hash classes are taken
    too): ``hash_alg`` of every algorithm object is one of these."""

    SHA256: ClassVar[HashlibHash] = hashlib.sha256
    SHA384: ClassVar[HashlibHash] = hashlib.sha384
    SHA512: ClassVar[HashlibHash] = hashlib.sha512


class HMACAlgorithm(_Sha2, _CoreAlgorithm):
    """HS256, HS384 and HS512."""

    kty = "oct"

    def __init__(self, hash_alg: HashlibHash) -> None:
        super().__init__(f"HS{_hash_bits(hash_alg)}")

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Union[JWKDict, str]:
        """The secret as an ``oct`` JWK."""
        return _CoreAlgorithm._to_jwk(key_obj, as_dict, True)


class RSAAlgorithm(_Sha2, _CoreAlgorithm):
    """RS256, RS384 and RS512 (RSASSA-PKCS1-v1_5), with moduli of 2048 bits or more."""

    kty = "RSA"
    prefix: ClassVar[str] = "RS"

    def __init__(self, hash_alg: Any) -> None:
        super().__init__(f"{self.prefix}{_hash_bits(hash_alg)}")


class RSAPSSAlgorithm(RSAAlgorithm):
    """PS256, PS384 and PS512 (RSASSA-PSS), with moduli of 2048 bits or more."""

    prefix = "PS"


#: The curve of each ECDSA algorithm jwt-core implements, by its SEC name (the ``name`` of
#: ``cryptography``'s curve classes, which PyJWT's ``expected_curve`` takes).
_CURVES: Dict[str, str] = {"ES256": "secp256r1", "ES384": "secp384r1"}


class ECAlgorithm(_Sha2, _CoreAlgorithm):
    """ES256 (P-256) and ES384 (P-384); ES512 is not implemented by jwt-core.

    jwt-core binds each ECDSA algorithm to its curve, so a key on another curve is refused
    (``InvalidKeyError``) whether or not ``expected_curve`` is given; an ``expected_curve``
    (a ``cryptography`` curve class or instance, or its name) other than the algorithm's own
    is refused when the object is made (``NotImplementedError``).
    """

    kty = "EC"

    def __init__(self, hash_alg: Any, expected_curve: Any = None) -> None:
        super().__init__(f"ES{_hash_bits(hash_alg)}")
        if expected_curve is not None:
            named = expected_curve if isinstance(expected_curve, str) else getattr(expected_curve, "name", None)
            if named != _CURVES.get(self.alg):
                raise NotImplementedError(
                    f"jwt_core's {self.alg} verifies {_CURVES.get(self.alg)} keys only, not {named}"
                )

    @property
    def expected_curve(self) -> Any:
        """The curve of this algorithm's keys: ``cryptography``'s class for it when that
        package is installed (PyJWT's value), else its SEC name such as ``"secp256r1"``."""
        name = _CURVES[self.alg]
        try:
            from cryptography.hazmat.primitives.asymmetric import ec
        except ImportError:
            return name
        return getattr(ec, name.upper())


class OKPAlgorithm(_CoreAlgorithm):
    """EdDSA over Ed25519."""

    kty = "OKP"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("EdDSA")


class NoneAlgorithm(Algorithm):
    """``none``: never accepted by jwt_core, for signing or verifying; importable so that
    programs naming it still load, and refused when made."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(
            f"'none' is never accepted by jwt_core (it implements {', '.join(_native.ALGORITHMS)})"
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


#: PyJWT's class for each family of names (by the name's beginning); a name of none of them
#: is served by the generic class.
_CLASSES: "tuple[tuple[str, type[_CoreAlgorithm]], ...]" = (
    ("HS", HMACAlgorithm),
    ("RS", RSAAlgorithm),
    ("PS", RSAPSSAlgorithm),
    ("ES", ECAlgorithm),
    ("EdDSA", OKPAlgorithm),
)


def _algorithm(name: str) -> _CoreAlgorithm:
    """The algorithm object for ``name``: an instance of PyJWT's class for it."""
    for prefix, cls in _CLASSES:
        if name.startswith(prefix):
            algorithm = cls.__new__(cls)
            _CoreAlgorithm.__init__(algorithm, name)
            return algorithm
    return _CoreAlgorithm(name)


def get_default_algorithms() -> Dict[str, Algorithm]:
    """Every algorithm jwt-core implements, by name (``none`` is never one of them)."""
    return {name: _algorithm(name) for name in _native.ALGORITHMS}
