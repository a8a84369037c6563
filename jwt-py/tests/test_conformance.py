"""Every case file of ../shared/vectors/ and jwt-core/tests/cases/ through the Python API,
case by case against the verdict of the Rust runner (jwt-core's `conformance` example)."""

from __future__ import annotations

import base64
import json
import re
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import jwt_core
from jwt_core.algorithms import Key
from conftest import ROOT, SHARED

FILES = sorted(SHARED.glob("*.json")) + sorted((ROOT / "jwt-core" / "tests" / "cases").glob("*.json"))


def cases() -> List[Tuple[str, Dict[str, Any]]]:
    found = []
    for path in FILES:
        for case in json.loads(path.read_text())["cases"]:
            found.append((f"{path.name}:{case['id']}", case))
    return found


@pytest.fixture(scope="module")
def rust_verdicts() -> Dict[str, str]:
    """The Rust runner's verdict per case id: the expected one, unless it printed a FAIL."""
    run = subprocess.run(
        ["cargo", "run", "-q", "--locked", "-p", "jwt-core", "--example", "conformance", "--"]
        + [str(path) for path in FILES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    summary = run.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ passed, \d+ failed", summary), run.stdout + run.stderr
    verdicts = {}
    for _, case in cases():
        verdicts[case["id"]] = case["expected"]
    for line in run.stdout.splitlines():
        failed = re.fullmatch(r"FAIL (.+): expected \S+, got (\S+)", line)
        if failed:
            verdicts[failed.group(1)] = failed.group(2)
    return verdicts


def b64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def python_verdict(case: Dict[str, Any]) -> str:
    """Verifies the case through jwt_core.decode, as a PyJWT program would, with the
    format's defaults: `exp` required, short secrets refused, the clock at `now`."""
    # The case says which form its key is in, so the runner says it too (jwt_core.Key's
    # explicit constructors), rather than let jwt_core sort bare str/bytes.
    key = case["key"]
    if "secret_b64u" in key:
        material = Key.secret(b64u(key["secret_b64u"]))
    elif "secret_utf8" in key:
        material = Key.secret(key["secret_utf8"].encode())
    elif "pem" in key:
        material = Key.pem(key["pem"])
    elif "jwk" in key:
        material = Key.jwk(key["jwk"])
    else:
        material = Key.jwks(key["jwks"])
    settings = case.get("validation", {})
    options: Dict[str, Any] = {
        "require": settings.get("required", ["exp"]),
        "enforce_minimum_key_length": True,
        "now": case["now"],
    }
    for name in ("typ", "max_age", "max_token_bytes"):
        if name in settings:
            options[name] = settings[name]
    try:
        jwt_core.decode(
            case["token"],
            material,
            algorithms=case["algorithms"],
            options=options,
            audience=settings.get("audience"),
            issuer=settings.get("issuer"),
            subject=settings.get("subject"),
            leeway=settings.get("leeway", 0),
        )
    except jwt_core.PyJWTError as err:
        return str(err.code)
    return "valid"


@pytest.mark.parametrize("name,case", cases(), ids=[name for name, _ in cases()])
def test_case_gets_the_rust_verdict(name: str, case: Dict[str, Any], rust_verdicts: Dict[str, str]) -> None:
    assert python_verdict(case) == rust_verdicts[case["id"]]


def test_every_file_has_cases() -> None:
    assert len(FILES) >= 9
    assert len(cases()) > 400
