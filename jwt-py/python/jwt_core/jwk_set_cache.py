"""The JWK Set cache of :class:`jwt_core.PyJWKClient`."""

from __future__ import annotations

import time
from typing import Any, Dict, Optional, Union

from .api_jwk import PyJWKSet, PyJWTSetWithTimestamp
from .exceptions import PyJWKSetError


class JWKSetCache:
    """One JWK Set, kept for ``lifespan`` seconds (``-1``: forever)."""

    def __init__(self, lifespan: float) -> None:
        self.jwk_set_with_timestamp: Optional[PyJWTSetWithTimestamp] = None
        self.lifespan = lifespan

    def put(self, jwk_set: Optional[Union[PyJWKSet, Dict[str, Any]]]) -> None:
        """Keeps ``jwk_set`` (parsed if given as a dict); None empties the cache."""
        if jwk_set is None:
            self.jwk_set_with_timestamp = None
            return
        if not isinstance(jwk_set, PyJWKSet):
            if not isinstance(jwk_set, dict):
                raise PyJWKSetError("Invalid JWK Set value")
            jwk_set = PyJWKSet.from_dict(jwk_set)
        self.jwk_set_with_timestamp = PyJWTSetWithTimestamp(jwk_set)

    def get(self) -> Optional[PyJWKSet]:
        """The set, unless there is none or it has expired."""
        if self.jwk_set_with_timestamp is None or self.is_expired():
            return None
        return self.jwk_set_with_timestamp.get_jwk_set()

    def is_expired(self) -> bool:
        """Whether the kept set is older than ``lifespan``."""
        kept = self.jwk_set_with_timestamp
        return (
            kept is not None
            and self.lifespan > -1
            and time.monotonic() > kept.get_timestamp() + self.lifespan
        )
