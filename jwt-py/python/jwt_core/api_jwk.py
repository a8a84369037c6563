"""PyJWT's JSON Web Key classes over jwt-core's JWK import."""

from __future__ import annotations

import json
import time
from typing import Any, Iterator, List, Optional

from . import _native
from .algorithms import get_default_algorithms
from .exceptions import InvalidKeyError, PyJWKError, PyJWKSetError, PyJWTError
from .types import JWKDict


def _default_algorithm(jwk: JWKDict) -> str:
    """PyJWT's algorithm for a JWK without ``alg``: by ``kty`` (and ``crv``)."""
    kty = jwk.get("kty")
    crv = jwk.get("crv")
    if kty == "EC":
        by_curve = {"P-256": "ES256", None: "ES256", "P-384": "ES384", "P-521": "ES512",
                    "secp256k1": "ES256K"}
        if crv not in by_curve:
            raise InvalidKeyError(f"Unsupported crv: {crv}")
        return by_curve[crv]
    if kty == "RSA":
        return "RS256"
    if kty == "oct":
        return "HS256"
    if kty == "OKP":
        if not crv:
            raise InvalidKeyError(f"crv is not found: {jwk}")
        if crv != "Ed25519":
            raise InvalidKeyError(f"Unsupported crv: {crv}")
        return "EdDSA"
    raise InvalidKeyError(f"Unsupported kty: {kty}")


class PyJWK:
    """A JSON Web Key, parsed and checked by jwt-core, bound to one algorithm.

    Pass it as ``key`` to ``decode``/``encode``: the token's algorithm must be the key's.
    ``key`` is the parsed jwt-core key (not a ``cryptography`` object).
    """

    def __init__(self, jwk_data: JWKDict, algorithm: Optional[str] = None) -> None:
        self._jwk_data = jwk_data
        kty = jwk_data.get("kty")
        if not kty:
            raise InvalidKeyError(f"kty is not found: {jwk_data}")
        algorithm = algorithm or jwk_data.get("alg") or _default_algorithm(jwk_data)
        self.algorithm_name: str = algorithm
        try:
            self.Algorithm = get_default_algorithms()[algorithm]
        except KeyError:
            raise PyJWKError(f"Unable to find an algorithm for key: {jwk_data}") from None
        self.key: _native.Key = _native.Key.from_jwk(jwk_data, algorithm)
        self.__jwt_core_key__ = self.key

    @staticmethod
    def from_dict(obj: JWKDict, algorithm: Optional[str] = None) -> "PyJWK":
        """A key from a JWK dict."""
        return PyJWK(obj, algorithm)

    @staticmethod
    def from_json(data: str, algorithm: Optional[str] = None) -> "PyJWK":
        """A key from JWK JSON text."""
        return PyJWK.from_dict(json.loads(data), algorithm)

    @property
    def key_type(self) -> Optional[str]:
        """The JWK's ``kty``."""
        return self._jwk_data.get("kty")

    @property
    def key_id(self) -> Optional[str]:
        """The JWK's ``kid``."""
        return self._jwk_data.get("kid")

    @property
    def public_key_use(self) -> Optional[str]:
        """The JWK's ``use``."""
        return self._jwk_data.get("use")


class PyJWKSet:
    """A JWK Set: the usable members as :class:`PyJWK` (others are skipped).

    Pass it as ``key`` to ``decode``: jwt-core picks the member by the token's ``kid`` and
    ``alg`` (an unknown ``kid`` raises ``InvalidTokenError`` with code ``UnknownKeyId``).
    """

    def __init__(self, keys: List[JWKDict]) -> None:
        if not keys:
            raise PyJWKSetError("The JWK Set did not contain any keys")
        if not isinstance(keys, list):
            raise PyJWKSetError("Invalid JWK Set value")
        self.keys: List[PyJWK] = []
        for member in keys:
            if not isinstance(member, dict):
                continue
            try:
                self.keys.append(PyJWK(member))
            except PyJWTError:
                continue
        if not self.keys:
            raise PyJWKSetError("The JWK Set did not contain any usable keys")
        self.__jwt_core_key__ = _native.Key.from_jwks(
            {"keys": [key._jwk_data for key in self.keys]}
        )

    @staticmethod
    def from_dict(obj: "dict[str, Any]") -> "PyJWKSet":
        """A set from a JWKS dict ``{"keys": [...]}``."""
        return PyJWKSet(obj.get("keys", []))

    @staticmethod
    def from_json(data: str) -> "PyJWKSet":
        """A set from JWKS JSON text."""
        return PyJWKSet.from_dict(json.loads(data))

    def __getitem__(self, kid: str) -> PyJWK:
        for key in self.keys:
            if key.key_id == kid:
                return key
        raise KeyError(f"keyset has no key for kid: {kid}")

    def __iter__(self) -> Iterator[PyJWK]:
        return iter(self.keys)


class PyJWTSetWithTimestamp:
    """A JWK Set and when it was fetched (``time.monotonic()``)."""

    def __init__(self, jwk_set: PyJWKSet) -> None:
        self.jwk_set = jwk_set
        self.timestamp = time.monotonic()

    def get_jwk_set(self) -> PyJWKSet:
        """The set."""
        return self.jwk_set

    def get_timestamp(self) -> float:
        """When it was stored."""
        return self.timestamp
