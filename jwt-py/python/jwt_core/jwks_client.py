"""PyJWT's JWKS client: fetches an identity provider's JWK Set with the standard library,
keeps it for a lifespan, and fetches it again once when a token names an unknown key."""

from __future__ import annotations

import http.client
import json
import math
import threading
import time
import urllib.request
from functools import lru_cache
from ssl import SSLContext
from typing import Any, Dict, List, Optional, Union
from urllib.error import HTTPError, URLError
from urllib.parse import urlparse

from ._native import get_unverified_header
from .api_jwk import PyJWK, PyJWKSet
from .exceptions import PyJWKClientConnectionError, PyJWKClientError
from .jwk_set_cache import JWKSetCache


class _NoRedirectHandler(urllib.request.HTTPRedirectHandler):
    """A JWKS URL answers itself: a redirect is refused, not followed."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class PyJWKClient:
    """Signing keys from a JWKS URL (``http`` or ``https`` only).

    The fetched set is kept for ``lifespan`` seconds (``cache_jwk_set``); a ``kid`` it does
    not hold triggers one fresh fetch, at most once per ``cooldown_duration`` seconds. With
    ``cache_keys``, keys found by ``kid`` are also kept in an LRU of ``max_cached_keys``.
    """

    def __init__(
        self,
        uri: str,
        cache_keys: bool = False,
        max_cached_keys: int = 16,
        cache_jwk_set: bool = True,
        lifespan: float = 300,
        headers: Optional[Dict[str, Any]] = None,
        timeout: float = 30,
        ssl_context: Optional[SSLContext] = None,
        cooldown_duration: float = 30,
    ) -> None:
        scheme = urlparse(uri).scheme.lower()
        if scheme not in ("http", "https"):
            raise PyJWKClientError(
                f"Invalid JWKS URI scheme {scheme!r}: only 'http' and 'https' are supported."
            )
        if cooldown_duration < 0 or not math.isfinite(cooldown_duration):
            raise PyJWKClientError(
                f'Cooldown duration must be finite and >= 0, the input is "{cooldown_duration}"'
            )
        self.uri = uri
        self.headers = headers or {}
        self.timeout = timeout
        self.ssl_context = ssl_context
        self.cooldown_duration = cooldown_duration
        self._last_successful_fetch: Optional[float] = None
        self._client_lock = threading.RLock()
        self.jwk_set_cache: Optional[JWKSetCache] = None
        if cache_jwk_set:
            if lifespan <= 0:
                raise PyJWKClientError(f'Lifespan must be greater than 0, the input is "{lifespan}"')
            self.jwk_set_cache = JWKSetCache(lifespan)
        if cache_keys:
            self.get_signing_key = lru_cache(maxsize=max_cached_keys)(self.get_signing_key)  # type: ignore[method-assign]

    def fetch_data(self) -> Any:
        """Fetches the JWK Set (and caches it)."""
        handlers: List[Any] = [_NoRedirectHandler()]
        if self.ssl_context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=self.ssl_context))
        request = urllib.request.Request(url=self.uri, headers=self.headers)
        try:
            with urllib.request.build_opener(*handlers).open(request, timeout=self.timeout) as response:
                data = json.load(response)
        except (URLError, TimeoutError, http.client.HTTPException) as err:
            if isinstance(err, HTTPError):
                err.close()
            raise PyJWKClientConnectionError(f'Fail to fetch data from the url, err: "{err}"') from err
        data = self._as_jwk_set_payload(data)
        if self.jwk_set_cache is not None:
            self.jwk_set_cache.put(data)
        self._last_successful_fetch = time.monotonic()
        return data

    def get_jwk_set(self, refresh: bool = False) -> PyJWKSet:
        """The JWK Set, from the cache unless ``refresh`` or expired."""
        data: Union[PyJWKSet, Dict[str, Any], None] = None
        if self.jwk_set_cache is not None and not refresh:
            data = self.jwk_set_cache.get()
        fetched = data is None
        if data is None:
            data = self.fetch_data()
        jwk_set = data if isinstance(data, PyJWKSet) else PyJWKSet.from_dict(self._as_jwk_set_payload(data))
        if fetched and self.jwk_set_cache is not None:
            self.jwk_set_cache.put(jwk_set)
        return jwk_set

    @staticmethod
    def _as_jwk_set_payload(data: Any) -> Dict[str, Any]:
        if not isinstance(data, dict):
            raise PyJWKClientError("The JWKS endpoint did not return a JSON object")
        return data

    def get_signing_keys(self, refresh: bool = False) -> List[PyJWK]:
        """The keys of the set meant for signatures (``use`` ``sig`` or none) with a ``kid``."""
        keys = [
            key
            for key in self.get_jwk_set(refresh).keys
            if key.public_key_use in ("sig", None) and key.key_id
        ]
        if not keys:
            raise PyJWKClientError("The JWKS endpoint did not contain any signing keys")
        return keys

    def get_signing_key(self, kid: str) -> PyJWK:
        """The signing key named ``kid``, fetching the set again once if it is unknown."""
        with self._client_lock:
            key = self.match_kid(self.get_signing_keys(), kid)
            if key is None:
                cooling_down = (
                    self.jwk_set_cache is not None
                    and self._last_successful_fetch is not None
                    and time.monotonic() - self._last_successful_fetch < self.cooldown_duration
                )
                if not cooling_down:
                    key = self.match_kid(self.get_signing_keys(refresh=True), kid)
                    self._last_successful_fetch = time.monotonic()
            if key is None:
                raise PyJWKClientError(f'Unable to find a signing key that matches: "{kid}"')
            return key

    def get_signing_key_from_jwt(self, token: Union[str, bytes]) -> PyJWK:
        """The signing key named by the ``kid`` of ``token``'s (unverified) header."""
        return self.get_signing_key(get_unverified_header(token).get("kid"))

    @staticmethod
    def match_kid(signing_keys: List[PyJWK], kid: str) -> Optional[PyJWK]:
        """The key of ``signing_keys`` named ``kid``, if any."""
        return next((key for key in signing_keys if key.key_id == kid), None)
