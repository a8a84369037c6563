"""Shared fixtures: the repository's paths and jwt-core's test keys."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = ROOT / "jwt-core" / "tests" / "keys"
SHARED = ROOT.parent / "shared" / "vectors"


def key_text(name: str) -> str:
    """A key file of jwt-core's tests."""
    return (KEYS / name).read_text()


@pytest.fixture
def secret() -> bytes:
    """A 32-byte HMAC secret: long enough for HS256."""
    return bytes(range(32))


@pytest.fixture
def rsa_private() -> str:
    return key_text("rsa2048-private-pkcs8.pem")


@pytest.fixture
def rsa_public() -> str:
    return key_text("rsa2048-public-spki.pem")


@pytest.fixture
def ed_private() -> str:
    return key_text("ed25519-private-pkcs8.pem")


@pytest.fixture
def ed_public() -> str:
    return key_text("ed25519-public-spki.pem")
