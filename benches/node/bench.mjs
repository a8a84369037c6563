// The Node row of benches/: jwt-wasm (the built package, jwt-wasm/pkg) beside jsonwebtoken (with
// a string secret and with a KeyObject), fast-jwt, jose and @node-rs/jsonwebtoken, signing the
// claims of benches/src/lib.rs and verifying the same token (signed by jwt-core, as there) with
// the same keys, checking its signature, `exp`, `iss` and `aud`.
//
// Timed in alternating rounds in one run: in every round each library runs one batch of about
// 10 ms, in an order that rotates from round to round; a library's time is the median over the
// rounds, and a ratio (ours / theirs) is the median of the rounds' ratios, so that a drift in
// the machine's speed cancels. Before timing, every library must accept the token and refuse it
// with a wrong issuer, a wrong audience, an expired clock or a tampered signature.
//
//   node benches/node/bench.mjs [--quick] [--json FILE]
//
// Writes FILE in the format of benches/README.md, with the targets of issue 22 judged.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const ours = require(new URL('jwt-wasm/pkg', root).pathname);
const jsonwebtoken = require('jsonwebtoken');
const fastJwt = require('fast-jwt');
const nodeRs = require('@node-rs/jsonwebtoken');
const jose = await import('jose');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonAt = args.indexOf('--json');
const output = jsonAt >= 0 ? args[jsonAt + 1] : null;
const ROUNDS = quick ? 7 : 41;
const BATCH_NS = quick ? 4e6 : 10e6;
const WARM_UP_NS = quick ? 2e8 : 1e9;

// benches/src/lib.rs: the issuer, audience, times, secret, keys and claims.
const ISSUER = 'https://auth.example.com';
const AUDIENCE = 'https://api.example.com';
const SECRET = 'bench-secret-0123456789abcdefghi';
const key = (name) => readFileSync(new URL(`jwt-core/tests/keys/${name}`, root), 'utf8');
const PEM = {
  RS256: { private: key('rsa2048-private-pkcs8.pem'), public: key('rsa2048-public-spki.pem') },
  EdDSA: { private: key('ed25519-private-pkcs8.pem'), public: key('ed25519-public-spki.pem') },
};
const CLAIMS = {
  sub: 'user_8f14e45fceea167a',
  name: 'Ada Lovelace',
  iss: ISSUER,
  aud: AUDIENCE,
  role: 'admin',
  iat: 1767225600,
  exp: 4102444800,
};
const AFTER_EXPIRY = CLAIMS.exp + 1;

/** What each library needs to sign and verify `alg`; null where it has no such algorithm. */
async function libraries(alg) {
  const hmac = alg === 'HS256';
  const signingKey = hmac ? SECRET : PEM[alg].private;
  const verifyingKey = hmac ? SECRET : PEM[alg].public;
  const token = ours.sign(CLAIMS, signingKey, { algorithm: alg, noTimestamp: false });
  const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  const libs = {};

  const signOptions = { algorithm: alg };
  libs['jwt-wasm'] = {
    sign: () => ours.sign(CLAIMS, signingKey, signOptions),
    verify: (t, options = {}) => ours.verify(t, verifyingKey, { ...verifyOptions, ...options }),
    timed: (t) => ours.verify(t, verifyingKey, verifyOptions),
  };
  // As jsonwebtoken's callers mostly write it: a fresh options literal on every call.
  libs['jwt-wasm (options literal per call)'] = {
    sign: () => ours.sign(CLAIMS, signingKey, { algorithm: alg }),
    verify: (t, options = {}) => ours.verify(t, verifyingKey, { ...verifyOptions, ...options }),
    timed: (t) => ours.verify(t, verifyingKey, { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE }),
  };
  if (alg !== 'EdDSA') {
    libs.jsonwebtoken = {
      sign: () => jsonwebtoken.sign(CLAIMS, signingKey, signOptions),
      verify: (t, options = {}) => jsonwebtoken.verify(t, verifyingKey, { ...verifyOptions, ...options }),
      timed: (t) => jsonwebtoken.verify(t, verifyingKey, verifyOptions),
    };
    const signObject = hmac ? createSecretKey(Buffer.from(SECRET)) : createPrivateKey(signingKey);
    const verifyObject = hmac ? createSecretKey(Buffer.from(SECRET)) : createPublicKey(verifyingKey);
    libs['jsonwebtoken (KeyObject)'] = {
      sign: () => jsonwebtoken.sign(CLAIMS, signObject, signOptions),
      verify: (t, options = {}) => jsonwebtoken.verify(t, verifyObject, { ...verifyOptions, ...options }),
      timed: (t) => jsonwebtoken.verify(t, verifyObject, verifyOptions),
    };
  }
  const fastSigner = fastJwt.createSigner({ key: signingKey, algorithm: alg, noTimestamp: true });
  const fastVerifier = (clock) =>
    fastJwt.createVerifier({
      key: verifyingKey, algorithms: [alg], allowedIss: ISSUER, allowedAud: AUDIENCE, cache: false,
      clockTimestamp: clock,
    });
  const fastVerify = fastVerifier();
  libs['fast-jwt'] = {
    timed: (t) => fastVerify(t),
    sign: () => fastSigner(CLAIMS),
    verify: (t, options = {}) =>
      (options.clockTimestamp === undefined && options.issuer === undefined && options.audience === undefined)
        ? fastVerify(t)
        : fastJwt.createVerifier({
          key: verifyingKey, algorithms: [alg], cache: false,
          allowedIss: options.issuer ?? ISSUER, allowedAud: options.audience ?? AUDIENCE,
          clockTimestamp: options.clockTimestamp === undefined ? undefined : options.clockTimestamp * 1000,
        })(t),
  };
  // Keys imported once, as jose's documentation has them (a secret as bytes is imported again
  // on every call).
  const joseSign = hmac ? createSecretKey(Buffer.from(SECRET)) : await jose.importPKCS8(signingKey, alg);
  const joseVerify = hmac ? createSecretKey(Buffer.from(SECRET)) : await jose.importSPKI(verifyingKey, alg);
  const joseOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  libs.jose = {
    async: true,
    timed: async (t) => (await jose.jwtVerify(t, joseVerify, joseOptions)).payload,
    sign: () => new jose.SignJWT(CLAIMS).setProtectedHeader({ alg, typ: 'JWT' }).sign(joseSign),
    verify: async (t, options = {}) =>
      (await jose.jwtVerify(t, joseVerify, {
        algorithms: [alg], issuer: options.issuer ?? ISSUER, audience: options.audience ?? AUDIENCE,
        currentDate: options.clockTimestamp === undefined ? undefined : new Date(options.clockTimestamp * 1000),
      })).payload,
  };
  const rsAlgorithm = { HS256: nodeRs.Algorithm.HS256, RS256: nodeRs.Algorithm.RS256, EdDSA: nodeRs.Algorithm.EdDSA }[alg];
  const rsValidation = (options = {}) => ({
    algorithms: [rsAlgorithm], iss: [options.issuer ?? ISSUER], aud: [options.audience ?? AUDIENCE],
    validateExp: true, leeway: 0, requiredSpecClaims: ['exp', 'iss', 'aud'],
  });
  const rsValidate = rsValidation();
  libs['@node-rs/jsonwebtoken'] = {
    timed: (t) => nodeRs.verifySync(t, verifyingKey, rsValidate),
    sign: () => nodeRs.signSync(CLAIMS, signingKey, { algorithm: rsAlgorithm }),
    verify: (t, options = {}) =>
      options.clockTimestamp === undefined
        ? nodeRs.verifySync(t, verifyingKey, options.issuer || options.audience ? rsValidation(options) : rsValidate)
        : null, // @node-rs/jsonwebtoken takes no clock; its expiry check is tested by the library itself
  };
  return { token, libs };
}

/** Every library accepts the token and refuses it when the issuer, audience, time or signature is wrong. */
async function check(alg, token, libs) {
  const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  for (const [name, lib] of Object.entries(libs)) {
    const claims = await lib.verify(token);
    if (claims?.sub !== CLAIMS.sub || claims.exp !== CLAIMS.exp) throw new Error(`${name} ${alg}: token not accepted`);
    const refusals = [
      ['tampered signature', () => lib.verify(tampered)],
      ['wrong issuer', () => lib.verify(token, { issuer: 'https://evil.example.com' })],
      ['wrong audience', () => lib.verify(token, { audience: 'https://other.example.com' })],
    ];
    if (name !== '@node-rs/jsonwebtoken') refusals.push(['expired', () => lib.verify(token, { clockTimestamp: AFTER_EXPIRY })]);
    for (const [what, attempt] of refusals) {
      let refused = false;
      try {
        await attempt();
      } catch {
        refused = true;
      }
      if (!refused) throw new Error(`${name} ${alg}: ${what} accepted`);
    }
    const signed = await lib.sign();
    const back = ours.verify(signed, alg === 'HS256' ? SECRET : PEM[alg].public, { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE });
    if (back.sub !== CLAIMS.sub) throw new Error(`${name} ${alg}: its token is not ours`);
  }
}

/** ns per call of `fn` over `count` calls. */
async function batch(fn, isAsync, count) {
  const start = process.hrtime.bigint();
  if (isAsync) for (let i = 0; i < count; i++) await fn();
  else for (let i = 0; i < count; i++) fn();
  return Number(process.hrtime.bigint() - start) / count;
}

/**
 * Calls per batch of about BATCH_NS, after warming up for WARM_UP_NS: long enough for V8 to
 * have optimised the JavaScript and compiled the WebAssembly with its optimising tier (a
 * module starts in its baseline tier), on a loaded machine too.
 */
async function calibrate(fn, isAsync) {
  const warmUpEnd = process.hrtime.bigint() + BigInt(WARM_UP_NS);
  while (process.hrtime.bigint() < warmUpEnd) await batch(fn, isAsync, 10);
  let count = 1;
  for (;;) {
    const ns = (await batch(fn, isAsync, count)) * count;
    if (ns >= BATCH_NS / 4) return Math.max(1, Math.round((count * BATCH_NS) / ns));
    count *= 4;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function measure(alg, operation, token, libs) {
  const entries = Object.entries(libs).map(([name, lib]) => {
    const fn = operation === 'sign' ? lib.sign : () => lib.timed(token);
    return { name, fn, isAsync: lib.async === true, times: [] };
  });
  for (const entry of entries) entry.count = await calibrate(entry.fn, entry.isAsync);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[(round + i) % entries.length];
      entry.times.push(await batch(entry.fn, entry.isAsync, entry.count));
    }
  }
  const base = entries[0];
  return entries.map((entry) => ({
    library: entry.name,
    alg,
    operation,
    median_ns: median(entry.times),
    ratio: median(entry.times.map((t, round) => base.times[round] / t)),
  }));
}

const rows = [];
for (const alg of ['HS256', 'RS256', 'EdDSA']) {
  const { token, libs } = await libraries(alg);
  await check(alg, token, libs);
  for (const operation of ['sign', 'verify']) {
    for (const row of await measure(alg, operation, token, libs)) {
      rows.push(row);
      const ratio = row.library === 'jwt-wasm' ? '' : `  ours/theirs ${row.ratio.toFixed(3)}`;
      console.log(`${alg} ${operation.padEnd(6)} ${row.library.padEnd(26)} ${(row.median_ns / 1000).toFixed(2).padStart(9)} us${ratio}`);
    }
  }
}

/** The targets of issue 22, judged by the paired ratios of this run, in the format of
 * benches/README.md (`ratio`: how many times as fast as the peer). */
function targets() {
  const peers = (alg, operation) => rows.filter((r) => r.alg === alg && r.operation === operation && !r.library.startsWith('jwt-wasm'));
  const fastest = peers('HS256', 'verify').reduce((a, b) => (a.median_ns < b.median_ns ? a : b));
  const edPeers = peers('EdDSA', 'verify').filter((r) => r.library === 'fast-jwt' || r.library === 'jose');
  const judge = (alg, peer, target, met) => ({ alg, operation: 'verify', peer: peer.library, target, ratio: 1 / peer.ratio, met: met(1 / peer.ratio) });
  return [
    judge('HS256', fastest, 2, (ratio) => ratio >= 2),
    ...edPeers.map((peer) => judge('EdDSA', peer, 1, (ratio) => ratio > 1)),
  ];
}

const judged = targets();
for (const t of judged) console.log(`target: ${t.alg} ${t.operation} >= ${t.target}x ${t.peer}: ${t.ratio.toFixed(2)}x (${t.met ? 'met' : 'NOT met'})`);

if (output) {
  const report = {
    language: 'Node',
    runtime: `Node ${process.version} (${process.arch})`,
    ours: 'jwt-wasm',
    method: `${ROUNDS} alternating rounds of ~${BATCH_NS / 1e6} ms batches; ratio = median of the rounds' ratios`,
    rows: rows.map(({ library, alg, operation, median_ns }) => ({ library, alg, operation, median_ns })),
    paired: rows
      .filter((r) => !r.library.startsWith('jwt-wasm'))
      .map(({ library, alg, operation, ratio }) => ({ library, alg, operation, ratio })),
    targets: judged,
  };
  writeFileSync(output, JSON.stringify(report, null, 2) + '\n');
}
