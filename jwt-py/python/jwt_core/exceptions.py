"""PyJWT's exception classes, with the same names and hierarchy.

Every exception raised for a token or key that jwt-core refused carries the core's stable
error kind in ``code`` (the kinds of jwt-core's ``ErrorKind``, e.g. ``"Expired"``,
``"InvalidSignature"``); exceptions raised for a bad argument before any token was read carry
the kind they stand for, or ``None``. Besides ``code``, each carries the fields of jwt-core's
error that a program may act on, as the attributes declared on its class below (``None``
where the error has no such field): which claim, which times, which key id, where in the JSON.
"""

from __future__ import annotations

from typing import Optional


class PyJWTError(Exception):
    """Base class of every exception of this package."""

    #: jwt-core's error kind (``ErrorKind::code``), or None.
    code: Optional[str] = None


class InvalidTokenError(PyJWTError):
    """A token was refused by ``decode()``."""

    #: The claim concerned (``"iss"``, ``"aud"``, a claim of the wrong type, ...).
    claim: Optional[str] = None
    #: The token's value where another was expected (``iss``, ``sub``, the ``typ`` header).
    found: Optional[str] = None
    #: The required ``typ`` header (code ``InvalidType``).
    expected: Optional[str] = None
    #: The token's ``kid`` that no key of a set fits (code ``UnknownKeyId``).
    kid: Optional[str] = None
    #: The header parameter concerned (a ``crit`` extension, a mistyped ``alg``/``kid``).
    parameter: Optional[str] = None


class DecodeError(InvalidTokenError):
    """The token is malformed: structure, base64url, JSON, or a claim of the wrong type."""

    #: The malformed segment: ``"header"``, ``"payload"`` or ``"signature"``.
    segment: Optional[str] = None
    #: What is wrong with the segment's JSON, and where (line and column, from 1).
    fault: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None
    #: A member name repeated in the segment's JSON object.
    member: Optional[str] = None
    #: The size limit and the token's size in bytes (code ``TokenTooLarge``).
    limit: Optional[int] = None
    actual: Optional[int] = None


class InvalidSignatureError(DecodeError):
    """The token's signature does not verify."""


class ExpiredSignatureError(InvalidTokenError):
    """The token's ``exp`` has passed (or, with ``max_age``, its ``iat`` is too old)."""

    #: The token's ``exp`` (code ``Expired``) or ``iat`` (code ``TooOld``), in seconds.
    exp: Optional[float] = None
    iat: Optional[float] = None
    #: The verifier's time, its leeway and the maximum age, in seconds.
    now: Optional[int] = None
    leeway: Optional[int] = None
    max_age: Optional[int] = None


class InvalidAudienceError(InvalidTokenError):
    """The token's ``aud`` names none of the expected audiences, or one was not expected."""

    #: Why: ``"NoMatch"``, ``"Unexpected"`` (no audience was expected), ``"NotOneString"``
    #: (``strict_aud`` and an array), or ``"Missing"``.
    problem: Optional[str] = None


class InvalidIssuerError(InvalidTokenError):
    """The token's ``iss`` is not an accepted issuer."""


class InvalidIssuedAtError(InvalidTokenError):
    """The token's ``iat`` is not a number."""


class ImmatureSignatureError(InvalidTokenError):
    """The token's ``nbf`` or ``iat`` is in the future."""

    #: The token's ``nbf`` (code ``NotYetValid``) or ``iat`` (code ``ImmatureIssuedAt``).
    nbf: Optional[float] = None
    iat: Optional[float] = None
    #: The verifier's time, in seconds.
    now: Optional[int] = None


class InvalidKeyError(PyJWTError):
    """The key is malformed, too weak, or of another family than the algorithm."""

    #: The algorithm the key was offered for, the key's family, and the one algorithm the
    #: key is restricted to, if any (code ``KeyAlgorithmMismatch``).
    algorithm: Optional[str] = None
    family: Optional[str] = None
    restricted_to: Optional[str] = None
    #: A short secret's length and the minimum, in bytes; an RSA modulus's size in bits.
    length: Optional[int] = None
    minimum: Optional[int] = None
    bits: Optional[int] = None
    #: The JWK member concerned, an unsupported PEM label, a repeated key id.
    member: Optional[str] = None
    label: Optional[str] = None
    kid: Optional[str] = None


class InvalidAlgorithmError(InvalidTokenError):
    """The token's ``alg`` is missing, ``none``, not implemented, or not allowed."""

    #: The token's algorithm, where it names one.
    algorithm: Optional[str] = None
    #: The key's family and the one algorithm it is restricted to (a PyJWK's).
    family: Optional[str] = None
    restricted_to: Optional[str] = None


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

    #: The registered claim of the wrong type, or a repeated member.
    claim: Optional[str] = None
    member: Optional[str] = None
