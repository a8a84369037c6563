"""PyJWT's helpers: base64url and big-endian integers as JWKs write them, and how key
material is recognised (jwt-core's decision)."""

from __future__ import annotations

import base64
from typing import Optional, Union

from . import _native


def force_bytes(value: Union[bytes, str]) -> bytes:
    """``value`` as bytes (UTF-8 for text); anything else is a TypeError."""
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, bytes):
        return value
    raise TypeError("Expected a string or bytes value")


def base64url_decode(input: Union[bytes, str]) -> bytes:
    """Decodes base64url, with or without padding."""
    data = force_bytes(input)
    return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))


def base64url_encode(input: bytes) -> bytes:
    """Encodes base64url without padding."""
    return base64.urlsafe_b64encode(input).rstrip(b"=")


def bytes_from_int(val: int, *, bit_length: Optional[int] = None) -> bytes:
    """The big-endian bytes of a non-negative integer, as many as ``bit_length`` needs."""
    length = (val.bit_length() if bit_length is None else bit_length) + 7
    return val.to_bytes(length // 8, "big", signed=False)


def to_base64url_uint(val: int, *, bit_length: Optional[int] = None) -> bytes:
    """A non-negative integer as a JWK writes it: base64url of its big-endian bytes."""
    if val < 0:
        raise ValueError("Must be a positive integer")
    return base64url_encode(bytes_from_int(val, bit_length=bit_length) or b"\x00")


def from_base64url_uint(val: Union[bytes, str]) -> int:
    """The integer of a JWK's base64url big-endian member."""
    return int.from_bytes(base64url_decode(val), "big")


def number_to_bytes(num: int, num_bytes: int) -> bytes:
    """``num`` as exactly ``num_bytes`` big-endian bytes."""
    return num.to_bytes(num_bytes, "big")


def bytes_to_number(string: bytes) -> int:
    """The big-endian integer of ``string``."""
    return int.from_bytes(string, "big")


def is_pem_format(key: bytes) -> bool:
    """Whether ``key`` holds PEM armour (``-----BEGIN``), as jwt_core sorts key material."""
    return _native.is_pem_format(key)


def is_ssh_key(key: bytes) -> bool:
    """Whether ``key`` begins as an OpenSSH public key line, which jwt_core refuses as a key."""
    return _native.is_ssh_key(key)
