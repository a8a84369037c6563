"""PyJWT's JWT layer: ``encode``, ``decode`` and ``decode_complete`` of claims.

The module functions are the native ones (the hot path has no Python frame); :class:`PyJWT`
keeps options of its own and passes them on.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, Optional, Sequence, Type, Union

from . import _native
from .api_jws import _ALGORITHM_UNSET, PyJWS, _jws_global_obj
from .types import FullOptions, Options

_DEFAULTS: FullOptions = {
    "verify_signature": True,
    "verify_exp": True,
    "verify_nbf": True,
    "verify_iat": True,
    "verify_aud": True,
    "verify_iss": True,
    "verify_sub": True,
    "verify_jti": True,
    "require": [],
    "strict_aud": False,
    "enforce_minimum_key_length": False,
}

_CLAIM_CHECKS = ("verify_exp", "verify_nbf", "verify_iat", "verify_aud", "verify_iss", "verify_sub", "verify_jti")


class PyJWT:
    """JWT encoding and decoding with options of its own (:class:`jwt_core.types.Options`)."""

    def __init__(self, options: Optional[Options] = None) -> None:
        self.options: FullOptions = dict(_DEFAULTS)  # type: ignore[assignment]
        if options is not None:
            self.options = self._merge_options(options)
        self._jws = PyJWS(options={
            "verify_signature": self.options["verify_signature"],
            "enforce_minimum_key_length": self.options.get("enforce_minimum_key_length", False),
        })

    def _merge_options(self, options: Optional[Options] = None) -> FullOptions:
        if options is None:
            return self.options
        merged: Dict[str, Any] = dict(options)
        if not merged.get("verify_signature", True):
            for name in _CLAIM_CHECKS:
                merged.setdefault(name, False)
        return {**self.options, **merged}  # type: ignore[typeddict-item]

    def encode(
        self,
        payload: Dict[str, Any],
        key: Any,
        algorithm: Optional[str] = _ALGORITHM_UNSET,  # type: ignore[assignment]
        headers: Optional[Dict[str, Any]] = None,
        json_encoder: Optional[Type[json.JSONEncoder]] = None,
        sort_headers: bool = True,
    ) -> str:
        """Signs ``payload`` (a dict of claims) into a JWT.

        ``datetime`` values of ``exp``, ``iat`` and ``nbf`` become NumericDate; registered
        claims must have their registered types (``InvalidClaimsError`` otherwise).
        """
        chosen = {} if algorithm is _ALGORITHM_UNSET else {"algorithm": algorithm}
        return _native.encode(
            payload,
            key,
            headers=headers,
            json_encoder=json_encoder,
            sort_headers=sort_headers,
            enforce_minimum_key_length=bool(self.options.get("enforce_minimum_key_length")),
            **chosen,
        )

    def decode_complete(
        self,
        jwt: Union[str, bytes],
        key: Any = "",
        algorithms: Optional[Sequence[str]] = None,
        options: Optional[Options] = None,
        verify: Optional[bool] = None,
        detached_payload: Optional[bytes] = None,
        audience: Optional[Union[str, Iterable[str]]] = None,
        issuer: Optional[Union[str, Iterable[str]]] = None,
        subject: Optional[str] = None,
        leeway: Any = 0,
        **kwargs: Any,
    ) -> Dict[str, Any]:
        """Verifies ``jwt`` and returns ``{"header", "payload", "signature"}``."""
        return _native.decode_complete(
            jwt, key, algorithms, self._merge_options(options), verify, detached_payload,
            audience, issuer, subject, leeway, **kwargs,
        )

    def decode(
        self,
        jwt: Union[str, bytes],
        key: Any = "",
        algorithms: Optional[Sequence[str]] = None,
        options: Optional[Options] = None,
        verify: Optional[bool] = None,
        detached_payload: Optional[bytes] = None,
        audience: Optional[Union[str, Iterable[str]]] = None,
        subject: Optional[str] = None,
        issuer: Optional[Union[str, Iterable[str]]] = None,
        leeway: Any = 0,
        **kwargs: Any,
    ) -> Dict[str, Any]:
        """Verifies ``jwt`` and returns its claims."""
        return _native.decode(
            jwt, key, algorithms, self._merge_options(options), verify, detached_payload,
            audience, subject, issuer, leeway, **kwargs,
        )


_jwt_global_obj = PyJWT()
_jwt_global_obj._jws = _jws_global_obj
encode = _native.encode
decode_complete = _native.decode_complete
decode = _native.decode
