"""A real FastAPI app: a dependency reads `Authorization: Bearer`, verifies the token with
jwt_core, and answers 401 with `WWW-Authenticate` for each kind of failure, 200 with the
claims otherwise."""

from __future__ import annotations

import time
from typing import Any, Dict, Optional

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi import Depends, FastAPI, HTTPException, Request  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

import jwt_core as jwt  # noqa: E402

SECRET = b"fastapi-test-secret-0123456789ab"
ISSUER = "https://auth.example.com"
AUDIENCE = "api"


def challenge(error: str, description: str) -> Dict[str, str]:
    """RFC 6750 section 3: the Bearer challenge, with the error for a refused token."""
    return {"WWW-Authenticate": f'Bearer realm="api", error="{error}", error_description="{description}"'}


def current_claims(request: Request) -> Dict[str, Any]:
    """The verified claims of the request's bearer token."""
    authorization: Optional[str] = request.headers.get("Authorization")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": 'Bearer realm="api"'})
    try:
        return jwt.decode(token, SECRET, algorithms=["HS256"], audience=AUDIENCE, issuer=ISSUER,
                          options={"require": ["exp", "sub"]})
    except jwt.InvalidTokenError as err:
        raise HTTPException(401, err.code, headers=challenge("invalid_token", str(err.code))) from err


app = FastAPI()


@app.get("/me")
def me(claims: Dict[str, Any] = Depends(current_claims)) -> Dict[str, Any]:
    return claims


client = TestClient(app)
NOW = int(time.time())
GOOD = {"sub": "u1", "iss": ISSUER, "aud": AUDIENCE, "exp": NOW + 600}


def get(token: Optional[str], scheme: str = "Bearer") -> Any:
    headers = {} if token is None else {"Authorization": f"{scheme} {token}"}
    return client.get("/me", headers=headers)


def test_a_valid_token_gets_its_claims() -> None:
    response = get(jwt.encode(GOOD, SECRET))
    assert response.status_code == 200
    assert response.json() == GOOD


@pytest.mark.parametrize(
    "token,code",
    [
        (jwt.encode({**GOOD, "exp": NOW - 1}, SECRET), "Expired"),
        (jwt.encode({**GOOD, "nbf": NOW + 600}, SECRET), "NotYetValid"),
        (jwt.encode({**GOOD, "iat": NOW + 600}, SECRET), "ImmatureIssuedAt"),
        (jwt.encode({**GOOD, "aud": "other"}, SECRET), "InvalidAudience"),
        (jwt.encode({**GOOD, "iss": "https://evil.example"}, SECRET), "InvalidIssuer"),
        (jwt.encode({k: v for k, v in GOOD.items() if k != "sub"}, SECRET), "MissingRequiredClaim"),
        (jwt.encode(GOOD, b"another-secret-0123456789abcdefgh"), "InvalidSignature"),
        (jwt.encode(GOOD, b"s" * 64, algorithm="HS512"), "InvalidAlgorithm"),
        ("not.a.token", "MalformedToken"),
        ("x" * 40_000, "TokenTooLarge"),
        ("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "InvalidAlgorithm"),
    ],
)
def test_each_failure_is_a_401_with_a_challenge(token: str, code: str) -> None:
    response = get(token)
    assert response.status_code == 401
    assert response.json() == {"detail": code}
    assert response.headers["WWW-Authenticate"] == (
        f'Bearer realm="api", error="invalid_token", error_description="{code}"'
    )


def test_no_token_is_a_bare_challenge() -> None:
    for response in (get(None), get(jwt.encode(GOOD, SECRET), scheme="Basic")):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
