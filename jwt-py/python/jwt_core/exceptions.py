"""PyJWT's exception classes, with the same names and hierarchy.

Every exception raised for a token or key that jwt-core refused carries the core's stable
error kind in ``code`` (the kinds of jwt-core's ``ErrorKind``, e.g. ``"Expired"``,
``"InvalidSignature"``); exceptions raised for a bad argument before any token was read carry
the kind they stand for, or ``None``.
"""

from __future__ import annotations

from typing import Optional


class PyJWTError(Exception):
    """Base class of every exception of this package."""

    #: jwt-core's error kind (``ErrorKind::code``), or None.
    code: Optional[str] = None


class InvalidTokenError(PyJWTError):
    """A token was refused by ``decode()``."""


class DecodeError(InvalidTokenError):
    """The token is malformed: structure, base64url, JSON, or a claim of the wrong type."""


class InvalidSignatureError(DecodeError):
    """The token's signature does not verify."""


class ExpiredSignatureError(InvalidTokenError):
    """The token's ``exp`` has passed (or, with ``max_age``, its ``iat`` is too old)."""


class InvalidAudienceError(InvalidTokenError):
    """The token's ``aud`` names none of the expected audiences, or one was not expected."""


class InvalidIssuerError(InvalidTokenError):
    """The token's ``iss`` is not an accepted issuer."""


class InvalidIssuedAtError(InvalidTokenError):
    """The token's ``iat`` is not a number."""


class ImmatureSignatureError(InvalidTokenError):
    """The token's ``nbf`` or ``iat`` is in the future."""


class InvalidKeyError(PyJWTError):
    """The key is malformed, too weak, or of another family than the algorithm."""


class InvalidAlgorithmError(InvalidTokenError):
    """The token's ``alg`` is missing, ``none``, not implemented, or not allowed."""


class MissingRequiredClaimError(InvalidTokenError):
    """A claim that must be present is absent (``claim`` names it)."""

    def __init__(self, claim: str) -> None:
        super().__init__(claim)
        self.claim = claim

    def __str__(self) -> str:
        return f'Token is missing the "{self.claim}" claim'


class PyJWKError(PyJWTError):
    """A JWK cannot be used."""


class MissingCryptographyError(PyJWKError):
    """Kept for PyJWT compatibility: jwt_core never needs ``cryptography``."""


class PyJWKSetError(PyJWTError):
    """A JWK Set cannot be used."""


class PyJWKClientError(PyJWTError):
    """The JWKS client found no key for a token."""


class PyJWKClientConnectionError(PyJWKClientError):
    """The JWKS client could not fetch the JWK Set."""


class InvalidSubjectError(InvalidTokenError):
    """The token's ``sub`` is not the expected subject (or not a string)."""


class InvalidJTIError(InvalidTokenError):
    """The token's ``jti`` is not a string."""


class InvalidClaimsError(PyJWTError, TypeError):
    """jwt_core only: ``encode()`` refused claims a verifier would refuse (a registered claim
    of the wrong type, such as ``"exp": "tomorrow"``). A ``TypeError`` too, as PyJWT raises
    for a non-string ``iss``."""
