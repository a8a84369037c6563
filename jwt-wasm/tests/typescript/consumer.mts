// A TypeScript program written for jsonwebtoken's API, type-checked against the package's
// declarations through `import` (tests/typescript.test.mjs runs `tsc --noEmit`). Every
// `@ts-expect-error` line must be an error, so the declarations are not `any`.
import jwt, { sign, verify, decode, generateKey, KeyRing, JsonWebTokenError, TokenExpiredError, NotBeforeError } from 'jwt-wasm';
import type { JwtPayload, Jwt, JsonWebKeySet, VerifyOptions, SignOptions, ErrorCode } from 'jwt-wasm';
import { createSecretKey } from 'node:crypto';

const secret = 'a secret of at least 32 random bytes, never a password';
const signOptions: SignOptions = { algorithm: 'HS256', expiresIn: '15m', issuer: 'me', keyid: 'k1', header: { cty: 'x' } };
const token: string = sign({ sub: 'u1', roles: ['a'] }, secret, signOptions);
sign('raw', Buffer.from(secret));
sign({ a: 1 }, createSecretKey(Buffer.from(secret)), (error: Error | null, issued?: string) => void [error, issued]);

const options: VerifyOptions = { algorithms: ['HS256', 'EdDSA'], audience: [/api/, 'web'], issuer: ['me'], clockTolerance: 5, maxAge: '1h' };
const claims: JwtPayload = verify(token, secret, options);
const sub: string | undefined = claims.sub;
const complete: Jwt = verify(token, secret, { complete: true });
const kid: string | undefined = complete.header.kid;
const set: JsonWebKeySet = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: 'k' }] };
verify(token, set, { algorithms: ['EdDSA'] });
verify(token, (header, done) => done(null, header.kid === 'k1' ? secret : set), (error, decoded) => void [error, decoded]);

const decoded: JwtPayload | null = decode(token);
const parts: Jwt | null = decode(token, { complete: true });

try {
  verify(token, secret);
} catch (error) {
  if (error instanceof TokenExpiredError) {
    const when: Date = error.expiredAt;
    const code: ErrorCode = error.code;
    void [when, code];
  } else if (error instanceof NotBeforeError) {
    const when: Date = error.date;
    void when;
  } else if (error instanceof JsonWebTokenError) {
    const code: ErrorCode = error.code;
    void code;
  }
}

const generated = generateKey('EdDSA');
const publicJwk: JsonWebKeySet = { keys: generated.publicKey === undefined ? [] : [generated.publicKey] };
verify(sign({ a: 1 }, generated.privateKey, { algorithm: 'EdDSA' }), publicJwk, { algorithms: ['EdDSA'] });
// @ts-expect-error: only registered JWS algorithms, never none
generateKey('none');

const ring = new KeyRing(secret, { algorithm: 'HS256', kid: 'one' });
const published: JsonWebKeySet = ring.jwks();
const current: string = ring.currentKid;
ring.verify(ring.sign({ a: 1 }), { algorithms: ['HS256'] });
jwt.verify(token, secret);

// @ts-expect-error: "none" is no algorithm of this package
sign({}, secret, { algorithm: 'none' });
// @ts-expect-error: the token is a string
verify(42, secret);
// @ts-expect-error: expiresIn is a number or a string
sign({}, secret, { expiresIn: true });
// @ts-expect-error: the key ring needs the algorithm
new KeyRing(secret, {});

void [sub, kid, decoded, parts, published, current];
