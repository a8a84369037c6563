// The flow our users write, over real HTTP on localhost: an Express app whose middleware reads
// `Authorization: Bearer`, answers 401 on a missing, invalid or expired token, and a refresh
// route that reads a refresh token from an HttpOnly cookie and issues a new access token.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import cookieParser from 'cookie-parser';
import jwt from 'jwt-wasm';

const ACCESS_SECRET = 'access-token-secret-of-32-bytes-at-least!';
const REFRESH_SECRET = 'refresh-token-secret-of-32-bytes-at-least';
const ISSUER = 'https://auth.example.com';
const access = { algorithms: ['HS256'], issuer: ISSUER, audience: 'api' };

function app() {
  const server = express();
  server.use(express.json());
  server.use(cookieParser());

  const authenticate = (req, res, next) => {
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    if (match === null) return res.status(401).json({ error: 'missing token' });
    try {
      req.user = jwt.verify(match[1], ACCESS_SECRET, access);
      return next();
    } catch (error) {
      return res.status(401).json({ error: error.name, code: error.code, message: error.message });
    }
  };

  const issue = (res, sub) => {
    res.cookie('refresh', jwt.sign({ sub }, REFRESH_SECRET, { expiresIn: '7d', issuer: ISSUER, audience: 'refresh' }), {
      httpOnly: true, sameSite: 'strict', path: '/refresh',
    });
    return jwt.sign({ sub, role: 'user' }, ACCESS_SECRET, { expiresIn: '15m', issuer: ISSUER, audience: 'api' });
  };

  server.post('/login', (req, res) => res.json({ token: issue(res, req.body.user) }));
  server.get('/me', authenticate, (req, res) => res.json({ sub: req.user.sub, role: req.user.role }));
  server.post('/refresh', (req, res) => {
    try {
      const { sub } = jwt.verify(req.cookies.refresh, REFRESH_SECRET, { algorithms: ['HS256'], issuer: ISSUER, audience: 'refresh' });
      return res.json({ token: issue(res, sub) });
    } catch (error) {
      return res.status(401).json({ error: error.name, code: error.code });
    }
  });
  return server;
}

let listener;
let base;
before(async () => {
  listener = await new Promise((resolve) => {
    const running = app().listen(0, '127.0.0.1', () => resolve(running));
  });
  base = `http://127.0.0.1:${listener.address().port}`;
});
after(() => new Promise((resolve) => listener.close(resolve)));

const me = (token) => fetch(`${base}/me`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

test('login, then the bearer token opens /me', async () => {
  const login = await fetch(`${base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":"u1"}' });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie');
  assert.match(cookie, /^refresh=[\w-]+\.[\w-]+\.[\w-]+; Path=\/refresh; HttpOnly; SameSite=Strict$/);
  const { token } = await login.json();
  const response = await me(token);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { sub: 'u1', role: 'user' });
});

test('missing, invalid, expired and foreign tokens get 401', async () => {
  assert.equal((await me()).status, 401);
  const cases = [
    ['garbage', 'MalformedToken'],
    [jwt.sign({ sub: 'u1' }, ACCESS_SECRET.replace('a', 'b'), { issuer: ISSUER, audience: 'api' }), 'InvalidSignature'],
    [jwt.sign({ sub: 'u1', exp: 1 }, ACCESS_SECRET, { issuer: ISSUER, audience: 'api' }), 'Expired'],
    [jwt.sign({ sub: 'u1' }, ACCESS_SECRET, { issuer: ISSUER, audience: 'refresh' }), 'InvalidAudience'],
    [jwt.sign({ sub: 'u1' }, REFRESH_SECRET, { issuer: ISSUER, audience: 'api' }), 'InvalidSignature'],
  ];
  for (const [token, code] of cases) {
    const response = await me(token);
    assert.equal(response.status, 401, code);
    assert.equal((await response.json()).code, code);
  }
  const expired = await (await me(cases[2][0])).json();
  assert.deepEqual(expired, { error: 'TokenExpiredError', code: 'Expired', message: 'jwt expired' });
});

test('the refresh route reads the HttpOnly cookie and issues a working access token', async () => {
  const login = await fetch(`${base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":"u2"}' });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const refreshed = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie } });
  assert.equal(refreshed.status, 200);
  assert.match(refreshed.headers.get('set-cookie'), /HttpOnly/);
  const { token } = await refreshed.json();
  assert.deepEqual(await (await me(token)).json(), { sub: 'u2', role: 'user' });
  const missing = await fetch(`${base}/refresh`, { method: 'POST' });
  assert.equal(missing.status, 401);
  assert.equal((await missing.json()).code, 'MalformedToken');
  const { token: accessToken } = await login.json();
  const wrongKind = await fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: `refresh=${accessToken}` } });
  assert.equal(wrongKind.status, 401);
});
