"""The native module of jwt_core: jwt-core (Rust) behind PyJWT's functions."""

from typing import Any, Dict, Final, List, Optional, final

__all__ = [
    "ALGORITHMS",
    "Key",
    "decode",
    "decode_complete",
    "decode_jws",
    "encode",
    "encode_jws",
    "get_unverified_header",
    "is_pem_format",
    "is_ssh_key",
]

#: The algorithms jwt-core implements.
ALGORITHMS: Final[List[str]]

@final
class Key:
    """A key parsed once by jwt-core: an HMAC secret, an RSA, EC or Ed25519 key, or a JWK Set."""

    def __new__(cls, material: Any) -> "Key": ...
    @staticmethod
    def from_jwk(jwk: Any, algorithm: Optional[str] = None) -> "Key": ...
    @staticmethod
    def secret(material: bytes) -> "Key": ...
    @staticmethod
    def pem(text: str) -> "Key": ...
    @staticmethod
    def jwk(jwk: Any) -> "Key": ...
    @staticmethod
    def jwks(jwks: Any) -> "Key": ...
    @staticmethod
    def from_jwks(jwks: Any) -> "Key": ...
    @property
    def family(self) -> str: ...
    @property
    def algorithm(self) -> Optional[str]: ...
    @property
    def kid(self) -> Optional[str]: ...
    @property
    def is_private(self) -> bool: ...
    def check(self, algorithm: str) -> Optional[str]: ...
    def sign(self, algorithm: str, message: bytes, enforce_minimum_key_length: bool = False) -> bytes: ...
    def verify(
        self, algorithm: str, message: bytes, signature: bytes, enforce_minimum_key_length: bool = False
    ) -> bool: ...
    def to_jwk(self, private: bool = False) -> str: ...
    def thumbprint(self) -> str: ...

def decode(
    jwt: Any,
    key: Any = None,
    algorithms: Any = None,
    options: Any = None,
    verify: Any = None,
    detached_payload: Any = None,
    audience: Any = None,
    subject: Any = None,
    issuer: Any = None,
    leeway: Any = None,
    **kwargs: Any,
) -> Any: ...
def decode_complete(
    jwt: Any,
    key: Any = None,
    algorithms: Any = None,
    options: Any = None,
    verify: Any = None,
    detached_payload: Any = None,
    audience: Any = None,
    issuer: Any = None,
    subject: Any = None,
    leeway: Any = None,
    **kwargs: Any,
) -> Dict[str, Any]: ...
def encode(
    payload: Any,
    key: Any,
    algorithm: Any = ...,
    headers: Any = None,
    json_encoder: Any = None,
    sort_headers: bool = True,
    *,
    enforce_minimum_key_length: bool = False,
) -> str: ...
def get_unverified_header(jwt: Any) -> Dict[str, Any]: ...
def is_pem_format(key: bytes) -> bool: ...
def is_ssh_key(key: bytes) -> bool: ...
def encode_jws(
    payload: bytes,
    key: Any,
    algorithm: Any = ...,
    headers: Any = None,
    json_encoder: Any = None,
    is_payload_detached: bool = False,
    sort_headers: bool = True,
    *,
    enforce_minimum_key_length: bool = False,
) -> str: ...
def decode_jws(
    jwt: Any, key: Any = None, algorithms: Any = None, options: Any = None, detached_payload: Any = None
) -> Dict[str, Any]: ...
