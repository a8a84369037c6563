// Every verification case file (../shared/vectors/CASES.md format: the shared examples and
// jwt-core's own cases) through the built package: each case must get its expected verdict,
// which is also the Rust runner's (`cargo run -p jwt-core --example conformance`, run by
// scripts/test, passes only when every verdict is the expected one).
//
// A case's settings are jwt-core's defaults (`exp` required, an unexpected audience refused),
// which the package offers as `strict: true`; its key forms are read as the Rust runner reads
// them, which the package's `keyFormat` says: "secret" (never PEM) and "pem" (never a secret).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import jwt from 'jwt-wasm';

const repo = new URL('../../', import.meta.url);
const shared = new URL('../shared/vectors/', repo);
const own = new URL('jwt-core/tests/cases/', repo);

function caseFiles() {
  const files = [];
  for (const dir of [shared, own]) {
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const url = new URL(name, dir);
      const document = JSON.parse(readFileSync(url, 'utf8'));
      if (Array.isArray(document.cases)) files.push({ url, cases: document.cases });
    }
  }
  return files;
}

/** The key of a case, and how the package is told to read it (as the Rust runner reads it). */
function key(spec) {
  const [[form, value]] = Object.entries(spec);
  switch (form) {
    case 'secret_b64u':
      return { key: Buffer.from(value, 'base64url'), keyFormat: 'secret' };
    case 'secret_utf8':
      return { key: value, keyFormat: 'secret' };
    case 'pem':
      return { key: value, keyFormat: 'pem' };
    case 'jwk':
    case 'jwks':
      return { key: value };
    default:
      throw new Error(`unknown key form ${form}`);
  }
}

function options(testCase, keyFormat) {
  const v = testCase.validation ?? {};
  assert.ok(testCase.now > 0, 'a case at time 0 would read the clock');
  return {
    keyFormat,
    algorithms: testCase.algorithms,
    clockTimestamp: testCase.now,
    strict: true,
    issuer: v.issuer,
    audience: v.audience,
    subject: v.subject,
    clockTolerance: v.leeway,
    requiredClaims: v.required,
    typ: v.typ,
    maxAge: v.max_age,
    maxTokenBytes: v.max_token_bytes,
  };
}

function verdict(testCase) {
  try {
    const { key: material, keyFormat } = key(testCase.key);
    jwt.verify(testCase.token, material, options(testCase, keyFormat));
    return 'valid';
  } catch (error) {
    if (!(error instanceof jwt.JsonWebTokenError)) throw error;
    return error.code;
  }
}

const files = caseFiles();

test('the case files are found', () => {
  assert.ok(files.some((file) => file.url.pathname.endsWith('example-cases.json')));
  assert.ok(files.length >= 2);
});

for (const { url, cases } of files) {
  test(`case file ${url.pathname.split('/').slice(-2).join('/')}`, () => {
    const failures = [];
    for (const testCase of cases) {
      const got = verdict(testCase);
      if (got !== testCase.expected) failures.push(`${testCase.id}: expected ${testCase.expected}, got ${got}`);
    }
    assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases differ`);
  });
}
