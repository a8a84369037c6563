// Bad input of any kind (wrong types, undefined, huge tokens and keys, non-UTF-8 bytes, cyclic
// payloads) is refused with a documented error (a JsonWebTokenError with a code) and leaves the
// module working; memory stays flat over a long loop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import jwt from 'jwt-wasm';

const SECRET = 'a secret of at least 32 random bytes, never a password';
const good = jwt.sign({ sub: 'u1' }, SECRET, { expiresIn: '1h' });
const CODES = new Set([
  'MalformedToken', 'TokenTooLarge', 'InvalidAlgorithm', 'KeyAlgorithmMismatch', 'InvalidKey',
  'UnknownKeyId', 'InvalidSignature', 'UnsupportedCriticalHeader', 'InvalidType', 'Expired',
  'NotYetValid', 'ImmatureIssuedAt', 'TooOld', 'InvalidIssuer', 'InvalidAudience', 'InvalidSubject',
  'MissingRequiredClaim', 'ClaimMismatch', 'InvalidClaims', 'InvalidHeader', 'InvalidOptions',
]);

/** `fn` throws a documented error, and the module still verifies and signs afterwards. */
function refused(fn, label) {
  let error;
  try {
    fn();
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof jwt.JsonWebTokenError, `${label}: ${error}`);
  assert.ok(CODES.has(error.code), `${label}: code ${error.code}`);
  assert.equal(jwt.verify(good, SECRET).sub, 'u1', `${label}: module unusable afterwards`);
  assert.equal(jwt.verify(jwt.sign({ n: 1 }, SECRET), SECRET).n, 1);
}

const cyclic = {};
cyclic.self = cyclic;
const weird = [undefined, null, 0, 1n, NaN, true, Symbol('s'), () => 1, [], {}, [good], new Date(), /x/, cyclic];

test('tokens of every wrong type', () => {
  for (const token of weird) refused(() => jwt.verify(token, SECRET), `token ${String(token?.toString?.())}`);
});

test('keys of every wrong type', () => {
  for (const key of weird) {
    if (typeof key === 'function') continue; // a key function: needs a callback (tested in api)
    refused(() => jwt.verify(good, key), `key ${typeof key}`);
    refused(() => jwt.sign({}, key), `signing key ${typeof key}`);
  }
  refused(() => jwt.verify(good, 'k'.repeat(2 << 20)), 'huge key');
  refused(() => jwt.verify(good, { keys: [cyclic] }, { algorithms: ['HS256'] }), 'cyclic JWK Set');
  refused(() => jwt.verify(good, { kty: 'oct', k: 5 }), 'JWK of wrong member types');
  refused(() => jwt.verify(good, { kty: 'RSA', n: 'AQAB', e: 'AQAB' }), 'tiny RSA JWK');
});

test('options of every wrong type', () => {
  for (const value of weird) {
    for (const name of ['algorithms', 'audience', 'issuer', 'subject', 'clockTolerance', 'maxAge', 'jwtid', 'nonce', 'typ', 'maxTokenBytes', 'requiredClaims', 'keyFormat']) {
      if (value === undefined) continue;
      let error;
      try {
        jwt.verify(good, SECRET, { [name]: value });
      } catch (caught) {
        error = caught;
      }
      if (error !== undefined) {
        assert.ok(error instanceof jwt.JsonWebTokenError && CODES.has(error.code), `${name}=${String(value?.toString?.())}: ${error}`);
      }
    }
  }
  for (const options of ['x', 5, true]) refused(() => jwt.verify(good, SECRET, options), `options ${options}`);
  refused(() => jwt.sign({}, SECRET, { header: cyclic }), 'cyclic header');
  refused(() => jwt.sign({}, SECRET, 'x'), 'string sign options');
  refused(() => jwt.verify(good, SECRET, { maxTokenBytes: 2 ** 40 }), 'huge size limit');
});

test('payloads that are not JSON, or too large', () => {
  refused(() => jwt.sign(cyclic, SECRET), 'cyclic payload');
  refused(() => jwt.sign({ n: 1n }, SECRET), 'BigInt payload');
  refused(() => jwt.sign({ big: 'x'.repeat(17 << 20) }, SECRET), 'huge payload');
  refused(() => jwt.sign(Buffer.alloc(17 << 20), SECRET), 'huge Buffer payload');
});

test('huge, truncated and non-UTF-8 tokens', () => {
  refused(() => jwt.verify('a'.repeat(50 << 20), SECRET), 'huge token');
  refused(() => jwt.verify(good + '.' + 'a'.repeat(40000), SECRET), 'long fourth segment');
  for (let cut = 0; cut < good.length; cut += 7) refused(() => jwt.verify(good.slice(0, cut), SECRET), `cut at ${cut}`);
  refused(() => jwt.verify('\ud800.\udfff.\u0000', SECRET), 'lone surrogates');
  refused(() => jwt.verify(good.replace('.', '\u00e9.'), SECRET), 'non-ASCII');
  const [h, p] = good.split('.');
  const latin = Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url');
  refused(() => jwt.verify(`${h}.${latin}.${good.split('.')[2]}`, SECRET), 'payload of invalid UTF-8');
  assert.equal(jwt.decode(`${h}.${latin}.x`), null);
  assert.equal(jwt.decode('\ud800'), null);
  assert.equal(jwt.decode(`${h}.${p}.AAAA`).sub, 'u1');
});

function collect() {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
}

test('memory stays flat over a long loop', async () => {
  const gc = collect();
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      const token = jwt.sign({ sub: `u${i}`, i }, SECRET, { expiresIn: 60 });
      assert.equal(jwt.verify(token, SECRET, { algorithms: ['HS256'], subject: `u${i}` }).i, i);
      try {
        jwt.verify(token.slice(0, -2), SECRET);
      } catch {
        // refused, as expected: the failure object is freed
      }
      jwt.verify(good, `${SECRET}-${i % 200}`, { algorithms: ['HS256'] }, () => {}); // keys churn through the cache
      // Policies with RegExp audiences churn through theirs (the module holds the RegExps).
      const audience = jwt.sign({ aud: `a${i}` }, SECRET);
      assert.equal(jwt.verify(audience, SECRET, { audience: new RegExp(`^a${i}$`) }).aud, `a${i}`);
    }
  };
  const settle = async () => {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    return process.memoryUsage();
  };
  round(20000);
  const before = await settle();
  round(100000);
  const after = await settle();
  const grew = (after.rss - before.rss) / 2 ** 20;
  assert.ok(grew < 24, `rss grew by ${grew.toFixed(1)} MiB over 100000 rounds`);
  assert.ok(after.heapUsed - before.heapUsed < 16 * 2 ** 20, 'JS heap grew');
});
