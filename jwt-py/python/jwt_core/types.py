"""The types of PyJWT's options, with jwt_core's own additions."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, TypedDict

#: A JSON Web Key as a dict.
JWKDict = Dict[str, Any]

#: A hashlib constructor, as PyJWT's HMAC algorithms take.
HashlibHash = Callable[..., Any]


class SigOptions(TypedDict, total=False):
    """Options of :class:`jwt_core.api_jws.PyJWS`."""

    #: Verify the signature (default True).
    verify_signature: bool
    #: Refuse short HMAC secrets instead of warning (default False).
    enforce_minimum_key_length: bool


class Options(TypedDict, total=False):
    """Options of :func:`jwt_core.decode` and :func:`jwt_core.decode_complete`.

    ``exp``, ``nbf`` and ``iat`` are checked when present; only ``require`` makes a claim
    mandatory. An expected audience, issuer or subject makes its claim mandatory.
    """

    #: Verify the signature (default True).
    verify_signature: bool
    #: Claims that must be present (default none).
    require: List[str]
    #: PyJWT's strict audience matching (needs jwt-core support, see the README).
    strict_aud: bool
    #: Check ``aud`` (default: ``verify_signature``).
    verify_aud: bool
    #: Refuse an ``exp`` in the past (default: ``verify_signature``).
    verify_exp: bool
    #: Refuse an ``iat`` in the future (default: ``verify_signature``).
    verify_iat: bool
    #: Check ``iss`` against ``issuer`` (default: ``verify_signature``).
    verify_iss: bool
    #: Accepted for compatibility: jwt-core always checks that ``jti`` is a string.
    verify_jti: bool
    #: Refuse an ``nbf`` in the future (default: ``verify_signature``).
    verify_nbf: bool
    #: Check ``sub`` against ``subject`` (default: ``verify_signature``).
    verify_sub: bool
    #: Refuse short HMAC secrets instead of warning (default False).
    enforce_minimum_key_length: bool
    #: jwt_core only: the required ``typ`` header (case-insensitive, ``application/`` optional).
    typ: str
    #: jwt_core only: refuse tokens issued more than this many seconds ago (needs ``iat``).
    max_age: int
    #: jwt_core only: refuse longer tokens before decoding (default 32 KiB).
    max_token_bytes: int


class FullOptions(TypedDict):
    """Every option of :class:`Options` that :class:`jwt_core.PyJWT` keeps."""

    verify_signature: bool
    require: List[str]
    strict_aud: bool
    verify_aud: bool
    verify_exp: bool
    verify_iat: bool
    verify_iss: bool
    verify_jti: bool
    verify_nbf: bool
    verify_sub: bool
    enforce_minimum_key_length: bool
