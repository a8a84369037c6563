// The package through `import`: named and default exports, and the same instance as `require`
// (one module, one key cache, one set of error classes, so `instanceof` holds across both).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import jwt, { sign, verify, decode, KeyRing, JsonWebTokenError, TokenExpiredError, NotBeforeError } from 'jwt-wasm';

const require = createRequire(import.meta.url);
const SECRET = 'a secret of at least 32 random bytes, never a password';

test('named and default exports', () => {
  for (const fn of [sign, verify, decode, KeyRing, JsonWebTokenError, TokenExpiredError, NotBeforeError]) {
    assert.equal(typeof fn, 'function');
  }
  assert.equal(jwt.sign, sign);
  const token = sign({ a: 1 }, SECRET, { expiresIn: 60 });
  assert.equal(verify(token, SECRET).a, 1);
  assert.equal(decode(token).a, 1);
});

test('require and import share one instance', () => {
  const required = require('jwt-wasm');
  assert.equal(required.verify, verify);
  assert.equal(required.JsonWebTokenError, JsonWebTokenError);
  const token = required.sign({ exp: 1 }, SECRET);
  assert.throws(() => verify(token, SECRET), (error) => error instanceof TokenExpiredError && error instanceof required.JsonWebTokenError);
});

test('the exports map resolves each condition to its build', () => {
  const manifest = require('jwt-wasm/package.json');
  const entry = manifest.exports['.'];
  assert.equal(entry.node.require.default, './node/index.cjs');
  assert.equal(entry.node.import.default, './node/index.mjs');
  assert.equal(entry.default, './web/index.js');
  assert.match(require.resolve('jwt-wasm'), /pkg\/node\/index\.cjs$/);
  assert.match(import.meta.resolve('jwt-wasm'), /pkg\/node\/index\.mjs$/);
});
