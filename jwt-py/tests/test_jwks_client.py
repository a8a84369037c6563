"""PyJWKClient against a JWKS served on 127.0.0.1: fetch, cache, one refetch on an unknown
kid, and verification with the key found."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Iterator, List

import pytest

import jwt_core as jwt
from jwt_core.algorithms import Key


class Provider:
    """An identity provider: its signing keys, its JWKS, and how often it was fetched."""

    def __init__(self, pem: str) -> None:
        self.pem = pem
        self.kids: List[str] = ["k1"]
        self.fetches = 0

    def jwks(self) -> dict:
        public = json.loads(Key(self.pem).to_jwk())
        return {"keys": [{**public, "kid": kid, "use": "sig"} for kid in self.kids]}


@pytest.fixture
def provider(ed_private: str) -> Iterator[tuple]:
    state = Provider(ed_private)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            state.fetches += 1
            body = json.dumps(state.jwks()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_port}/jwks.json"
    server.shutdown()
    server.server_close()


def test_fetches_once_and_verifies(provider: tuple) -> None:
    state, url = provider
    client = jwt.PyJWKClient(url)
    token = jwt.encode({"sub": "u"}, state.pem, algorithm="EdDSA", headers={"kid": "k1"})
    for _ in range(3):
        key = client.get_signing_key_from_jwt(token)
        assert jwt.decode(token, key, algorithms=["EdDSA"]) == {"sub": "u"}
    assert state.fetches == 1


def test_an_unknown_kid_refetches_once(provider: tuple) -> None:
    state, url = provider
    client = jwt.PyJWKClient(url, cooldown_duration=0)
    client.get_signing_keys()
    state.kids.append("k2")
    assert client.get_signing_key("k2").key_id == "k2"
    assert state.fetches == 2
    with pytest.raises(jwt.PyJWKClientError, match="Unable to find"):
        client.get_signing_key("k3")
    assert state.fetches == 3


def test_cooldown_limits_refetches(provider: tuple) -> None:
    state, url = provider
    client = jwt.PyJWKClient(url, cooldown_duration=60)
    client.get_signing_keys()
    with pytest.raises(jwt.PyJWKClientError):
        client.get_signing_key("k9")
    assert state.fetches == 1


def test_connection_errors_and_schemes() -> None:
    with pytest.raises(jwt.PyJWKClientError):
        jwt.PyJWKClient("file:///etc/passwd")
    client = jwt.PyJWKClient("http://127.0.0.1:1/jwks.json", timeout=2)
    with pytest.raises(jwt.PyJWKClientConnectionError):
        client.get_jwk_set()


def test_jwk_set_cache_expires() -> None:
    from jwt_core.jwk_set_cache import JWKSetCache

    cache = JWKSetCache(lifespan=-1)
    assert cache.get() is None
    cache.put({"keys": [{"kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0"}]})
    assert cache.get() is not None and not cache.is_expired()
    cache.put(None)
    assert cache.get() is None
