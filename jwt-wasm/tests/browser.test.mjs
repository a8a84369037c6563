// The browser build in headless Chromium (Debian's chromium, driven by playwright-core): a page
// served from localhost imports the package as an ES module and verifies an EdDSA token
// against a JWK Set, synchronously, and refuses a forged one with jwt-core's code.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { chromium } from 'playwright-core';
import jwt from 'jwt-wasm';

const CHROMIUM = '/usr/bin/chromium';
const pkg = new URL('../pkg/', import.meta.url);
const keys = new URL('../../jwt-core/tests/keys/', import.meta.url);
const privateKey = readFileSync(new URL('ed25519-private-pkcs8.pem', keys), 'utf8');
const jwk = createPublicKey(readFileSync(new URL('ed25519-public-spki.pem', keys), 'utf8')).export({ format: 'jwk' });
const jwks = { keys: [{ ...jwk, kid: 'browser-key', alg: 'EdDSA', use: 'sig' }] };
const token = jwt.sign({ sub: 'u1', role: 'reader' }, privateKey, { algorithm: 'EdDSA', keyid: 'browser-key', expiresIn: '1h', issuer: 'https://auth.example.com' });
const forged = token.replace(/\.[^.]+$/, '.' + 'A'.repeat(86));

const page = `<!doctype html><meta charset="utf-8"><title>jwt-wasm</title>
<script type="module">
import { verify, sign, decode, JsonWebTokenError } from '/pkg/web/index.js';
const jwks = ${JSON.stringify(jwks)};
const options = { algorithms: ['EdDSA'], issuer: 'https://auth.example.com' };
const outcome = (fn) => { try { return { ok: true, value: fn() }; } catch (e) { return { ok: false, name: e.name, code: e.code, isError: e instanceof JsonWebTokenError }; } };
const secret = 'a secret of at least 32 random bytes, never a password';
window.result = {
  valid: outcome(() => verify(${JSON.stringify(token)}, jwks, options)),
  forged: outcome(() => verify(${JSON.stringify(forged)}, jwks, options)),
  unknownKid: outcome(() => verify(${JSON.stringify(token)}, { keys: [{ ...jwks.keys[0], kid: 'other' }] }, options)),
  roundTrip: outcome(() => verify(sign({ n: 7 }, secret, { expiresIn: 60 }), secret).n),
  decoded: outcome(() => decode(${JSON.stringify(token)}, { complete: true }).header),
};
</script>`;

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
let server;
let base;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: scripts/setup installs Debian's chromium`);
  server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    if (!path.startsWith('/pkg/') || path.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(new URL(path.slice('/pkg/'.length), pkg));
      const type = types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
});

after(() => new Promise((resolve) => server.close(resolve)));

test('a page verifies an EdDSA token against a JWK Set in headless Chromium', async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage();
    const problems = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    await tab.goto(base);
    await tab.waitForFunction(() => window.result !== undefined, null, { timeout: 20000 });
    const result = await tab.evaluate(() => window.result);
    assert.deepEqual(problems, []);
    assert.equal(result.valid.ok, true);
    assert.equal(result.valid.value.sub, 'u1');
    assert.equal(result.valid.value.role, 'reader');
    assert.deepEqual(result.forged, { ok: false, name: 'JsonWebTokenError', code: 'InvalidSignature', isError: true });
    assert.deepEqual(result.unknownKid, { ok: false, name: 'JsonWebTokenError', code: 'UnknownKeyId', isError: true });
    assert.deepEqual(result.roundTrip, { ok: true, value: 7 });
    assert.deepEqual(result.decoded.value, { alg: 'EdDSA', typ: 'JWT', kid: 'browser-key' });
  } finally {
    await browser.close();
  }
});
