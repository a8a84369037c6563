"""PyJWT's own test suite, run against jwt_core.

PyJWT's sdist is downloaded from PyPI at test time into a temporary directory (its code is
never committed here); its tests run with `jwt` and its submodules substituted by jwt_core's.
Every failure must be one listed in `pyjwt_suite_differences.tsv`, under one of the
differences below, and every listed test must still fail: a new failure or a new pass fails
this test, naming the tests.
"""

from __future__ import annotations

import collections
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Dict, Set

import pytest

PYJWT = "pyjwt==2.15.1"
LISTED = Path(__file__).with_name("pyjwt_suite_differences.tsv")

#: Why each listed test fails: the deliberate differences (README, "Differences from PyJWT")
#: and what jwt-core does not offer yet.
DIFFERENCES = {
    "unsupported-algorithms": "ES512 (P-521), ES256K (secp256k1) and Ed448 are not implemented by jwt-core, "
    "and EC keys on other curves (P-192) are refused when read",
    "alg-none": "`none` is never accepted, for signing or verifying, even without verification: "
    "NoneAlgorithm cannot be made and `none` is no algorithm name",
    "curve-binding": "an EC key serves only its curve's algorithm (ES256 P-256, ES384 P-384), also "
    "through an ECAlgorithm made without `expected_curve`",
    "jwk-use": "a JWK whose `use` is not `sig` is refused when read (PyJWT reads it and leaves it "
    "out of PyJWKClient's signing keys)",
    "key-sorting": "key bytes are sorted by jwt-core's rules (KeyMaterial::sort): a JWK's JSON text is "
    "that JWK (PyJWT refuses JWK text as an HMAC secret), text with PEM armour is PEM",
    "key-sorting-gap": "PyJWT refuses as HMAC secrets some bytes that jwt-core's KeyMaterial::sort takes "
    "for one: JWKs inside BOM-prefixed, UTF-16/32, array or too deeply nested JSON, JSON with an "
    "out-of-range number, and DER certificates: TODO(jwt-core)",
    "claim-types": "registered claims must have their registered types, at encode and decode",
    "ssh-keys": "jwt-core does not read OpenSSH public keys",
    "key-strength": "RSA moduli under 2048 bits and short secrets inside JWKs are refused, not warned about",
    "key-objects": "keys are jwt-core keys, not `cryptography` objects or raw bytes",
    "internals": "tests of PyJWT's private methods or subclass hooks",
    "rfc7797-b64": "RFC 7797 (\"b64\": false, detached payloads) is not implemented by jwt-core",
    "messages": "exception messages are jwt-core's (in places with PyJWT's wording as a prefix)",
    "crit": "`crit` is honoured by jwt-core's rules (PyJWT understands only `b64`)",
    "jwk-export": "exported JWKs are jwt-core's (with `alg` and `use`, without `key_ops`)",
    "strict-encoding": "base64url must be unpadded and canonical",
    "argument-types": "arguments of the wrong type raise TypeError",
}


def listed() -> Dict[str, str]:
    rows = [line.split("\t") for line in LISTED.read_text().splitlines() if line and not line.startswith("#")]
    return {test: category for test, category in rows}


@pytest.fixture(scope="module")
def failures(tmp_path_factory: pytest.TempPathFactory) -> Set[str]:
    root = tmp_path_factory.mktemp("pyjwt")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
         "--disable-pip-version-check", "-d", str(root), PYJWT],
        check=True,
    )
    (archive,) = root.glob("pyjwt-*.tar.gz")
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if "/tests/" in m.name and m.isfile()]
        tar.extractall(root, members=members, filter="data")
    (suite,) = root.glob("pyjwt-*/")
    # `jwt` and each of its submodules are jwt_core's.
    (suite / "conftest.py").write_text(
        "import importlib, sys\n"
        "import jwt_core\n"
        "sys.modules['jwt'] = jwt_core\n"
        "for name in ('algorithms', 'api_jwk', 'api_jws', 'api_jwt', 'exceptions',\n"
        "             'jwk_set_cache', 'jwks_client', 'types', 'utils', 'warnings'):\n"
        "    sys.modules['jwt.' + name] = importlib.import_module('jwt_core.' + name)\n"
    )
    report = root / "junit.xml"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", f"--junitxml={report}"],
        cwd=suite,
        capture_output=True,
        check=False,
    )
    found = set()
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        if any(child.tag in ("failure", "error") for child in case):
            found.add(f"{case.get('classname')}::{case.get('name')}")
    return found


def test_only_the_listed_differences_fail(failures: Set[str]) -> None:
    expected = listed()
    assert set(expected.values()) <= set(DIFFERENCES)
    unexpected = sorted(failures - set(expected))
    now_passing = sorted(set(expected) - failures)
    assert (unexpected, now_passing) == ([], [])
    counts = collections.Counter(expected.values())
    print(f"\nPyJWT's suite: {len(failures)} tests fail, all for listed differences:")
    for category, count in counts.most_common():
        print(f"  {count:4} {category}: {DIFFERENCES[category]}")
