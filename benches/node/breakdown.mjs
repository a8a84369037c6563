// Where the time of one HS256 verification through jwt-wasm goes (benches/node/README.md):
// the whole call, the same work without the package's JavaScript (the floor of this design),
// the module call alone (token already in the module's memory), an empty call into the module
// and back, copying the token in and the claims out, and JSON.parse of the claims (building
// the result object). Each part is timed in alternating rounds.
//
//   node benches/node/breakdown.mjs [--quick]
//
// Reads the package's module through the wasm-bindgen glue that the build leaves in
// jwt-wasm/build/glue (the same exports as jwt-wasm/pkg's module).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const jwt = require(new URL('jwt-wasm/pkg', root).pathname);
const native = await import(new URL('jwt-wasm/build/glue/jwt_wasm.js', root));
const { memory } = native.initSync({ module: readFileSync(new URL('jwt-wasm/pkg/jwt_wasm_bg.wasm', root)) });

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 7 : 31;
const SECRET = 'bench-secret-0123456789abcdefghi';
const ISSUER = 'https://auth.example.com';
const AUDIENCE = 'https://api.example.com';
const CLAIMS = { sub: 'user_8f14e45fceea167a', name: 'Ada Lovelace', iss: ISSUER, aud: AUDIENCE, role: 'admin', iat: 1767225600, exp: 4102444800 };
const token = jwt.sign(CLAIMS, SECRET);
const options = { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE };

const key = native.VerifyKey.fromBytes(new TextEncoder().encode(SECRET), false);
const policy = new native.Policy(JSON.stringify({ algorithms: ['HS256'], issuer: [ISSUER], audience: [AUDIENCE] }), [], key);
const base = native.exchange(4096);
// A view of the module's memory, made again only once the memory has grown (as the package
// keeps its own).
let view = null;
const bytes = () => {
  if (view === null || view.byteLength === 0) view = Buffer.from(memory.buffer);
  return view;
};
const length = bytes().utf8Write(token, base, 4096);
const claimsLength = native.verifyExchange(length, key, policy);
if (claimsLength < 0) throw new Error('the token does not verify');
const claimsText = bytes().utf8Slice(base + length, base + length + claimsLength);

const parts = {
  'whole verify (package API)': () => jwt.verify(token, SECRET, options),
  'token in, module call, claims out, JSON.parse: the whole call less the package\'s JavaScript': () => {
    const view = bytes();
    const written = view.utf8Write(token, base, 4096);
    const claims = native.verifyExchange(written, key, policy);
    return JSON.parse(bytes().utf8Slice(base + written, base + written + claims));
  },
  'module call (numbers in, numbers out; core)': () => native.verifyExchange(length, key, policy),
  'empty call into the module and back': () => native.takeFailure(),
  'copy token in, claims out (Buffer UTF-8)': () => {
    const view = bytes();
    view.utf8Write(token, base, 4096);
    return view.utf8Slice(base + length, base + length + claimsLength);
  },
  'JSON.parse of the claims (result object)': () => JSON.parse(claimsText),
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
