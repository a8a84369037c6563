// Where the time of one HS256 verification through jwt-wasm goes (benches/node/README.md):
// the whole call, the same work without the package's argument handling (the floor of this
// design: token in, module call, claims object built from the module's plan), the module call
// alone (token already in the module's memory), an empty call into the module and back,
// writing the token in, and, for comparison, the old way out: the claims' JSON text decoded
// and parsed by JSON.parse. Each part is timed in alternating rounds.
//
//   node benches/node/breakdown.mjs [--quick]
//
// Reads the package's module through the wasm-bindgen glue that the build leaves in
// jwt-wasm/build/glue (the same exports as jwt-wasm/pkg's module), and builds claims with the
// package's own js/exchange.js over it.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const jwt = require(new URL('jwt-wasm/pkg', root).pathname);
const native = await import(new URL('jwt-wasm/build/glue/jwt_wasm.js', root));
const exchange = await import(new URL('jwt-wasm/js/exchange.js', root));
const { memory } = native.initSync({ module: readFileSync(new URL('jwt-wasm/pkg/jwt_wasm_bg.wasm', root)) });
exchange.useMemory(memory);

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 7 : 31;
const SECRET = 'bench-secret-0123456789abcdefghi';
const ISSUER = 'https://auth.example.com';
const AUDIENCE = 'https://api.example.com';
const CLAIMS = { sub: 'user_8f14e45fceea167a', name: 'Ada Lovelace', iss: ISSUER, aud: AUDIENCE, role: 'admin', iat: 1767225600, exp: 4102444800 };
const token = jwt.sign(CLAIMS, SECRET);
const options = { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE };

const handles = (glue) => {
  const key = glue.VerifyKey.fromBytes(new TextEncoder().encode(SECRET), false);
  const policy = new glue.Policy(JSON.stringify({ algorithms: ['HS256'], issuer: [ISSUER], audience: [AUDIENCE] }), [], key);
  return { key, policy };
};
const { key, policy } = handles(native);
if (JSON.stringify(exchange.verifyClaims(token, key, policy)) !== JSON.stringify(CLAIMS)) {
  throw new Error('the token does not verify to its claims');
}
// A second instance of the module, whose exchange buffer this script sizes and writes the
// token into once, for the module call alone (exchange.js owns the first one's buffer).
const alone = await import(new URL('jwt-wasm/build/glue/jwt_wasm.js?alone', root));
const aloneMemory = alone.initSync({ module: readFileSync(new URL('jwt-wasm/pkg/jwt_wasm_bg.wasm', root)) }).memory;
const aloneHandles = handles(alone);
const base = alone.exchange(4096);
const bytes = Buffer.from(aloneMemory.buffer);
const length = bytes.utf8Write(token, base, 4096);
if (alone.verifyExchange(length, aloneHandles.key, aloneHandles.policy) !== 0) throw new Error('the token does not verify');
const claimsText = JSON.stringify(CLAIMS);
const claimsBytes = Buffer.from(claimsText);

const parts = {
  'whole verify (package API)': () => jwt.verify(token, SECRET, options),
  'token in, module call, claims object built from the plan: the whole call less the package\'s argument handling': () =>
    exchange.verifyClaims(token, key, policy),
  'module call (numbers in, numbers out; core and plan)': () =>
    alone.verifyExchange(length, aloneHandles.key, aloneHandles.policy),
  'empty call into the module and back': () => alone.takeFailure(),
  'token in (Buffer UTF-8)': () => bytes.utf8Write(token, base, 4096),
  'for comparison: the claims\' JSON text decoded and parsed (utf8Slice, JSON.parse)': () =>
    JSON.parse(claimsBytes.utf8Slice(0, claimsBytes.length)),
  'token in and claims out as wasm-bindgen strings (decodeHeader)': () => native.decodeHeader(token),
};

function batch(fn, count) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) fn();
  return Number(process.hrtime.bigint() - start) / count;
}

// Warm up until V8 runs the module in its optimising tier (it starts in the baseline tier).
for (const fn of Object.values(parts)) {
  const end = process.hrtime.bigint() + BigInt(quick ? 2e8 : 1e9);
  while (process.hrtime.bigint() < end) batch(fn, 100);
}

const entries = Object.entries(parts).map(([name, fn]) => {
  let count = 1000;
  while (batch(fn, count) * count < 5e6) count *= 2;
  return { name, fn, count, times: [] };
});
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[(round + i) % entries.length];
    entry.times.push(batch(entry.fn, entry.count));
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const entry of entries) console.log(`${median(entry.times).toFixed(0).padStart(6)} ns  ${entry.name}`);
