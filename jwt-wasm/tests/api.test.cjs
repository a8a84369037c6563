// jsonwebtoken 9's API through `require`: every sign and verify option, every error class,
// message and code, callbacks, key functions, and every form of key.

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const crypto = require('node:crypto');
const jwt = require('jwt-wasm');

const { JsonWebTokenError, TokenExpiredError, NotBeforeError } = jwt;
const keys = join(__dirname, '..', '..', 'jwt-core', 'tests', 'keys');
const pem = (name) => readFileSync(join(keys, name), 'utf8');
const RSA_PRIVATE = pem('rsa2048-private-pkcs8.pem');
const RSA_PUBLIC = pem('rsa2048-public-spki.pem');
const RSA_1024_PRIVATE = pem('rsa1024-private-pkcs8.pem');
const ED_PRIVATE = pem('ed25519-private-pkcs8.pem');
const ED_PUBLIC = pem('ed25519-public-spki.pem');
const ED_OTHER_PUBLIC = pem('ed25519-other-public-spki.pem');
const SECRET = 'a secret of at least 32 random bytes, never a password';
const NOW = 1_700_000_000;

/** The error jsonwebtoken (`fn` calls it) throws, to compare messages with. */
function reference(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('jsonwebtoken accepted it');
}

/** The error `fn` throws, checked to be of `Class` with `code`. */
function thrown(fn, Class, code, message) {
  let error;
  try {
    fn();
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof Class, `expected ${Class.name}, got ${error}`);
  assert.ok(error instanceof Error);
  assert.equal(error.code, code);
  if (message !== undefined) assert.equal(error.message, message);
  return error;
}

function segments(token) {
  const [header, payload, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url')),
    payload: JSON.parse(Buffer.from(payload, 'base64url')),
    signature,
  };
}

describe('sign', () => {
  test('signs HS256 by default with iat, and the header jsonwebtoken writes', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = jwt.sign({ sub: 'u1' }, SECRET);
    const { header, payload } = segments(token);
    assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
    assert.equal(payload.sub, 'u1');
    assert.ok(payload.iat >= before && payload.iat <= before + 1);
    assert.ok(token.startsWith('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.'));
  });

  test('writes the same token as jsonwebtoken for the same claims', () => {
    const reference = require('jsonwebtoken');
    const claims = { sub: 'u1', iat: NOW, exp: NOW + 60, nested: { a: [1, 'x'] } };
    assert.equal(jwt.sign(claims, SECRET), reference.sign(claims, SECRET));
    assert.equal(
      jwt.sign(claims, RSA_PRIVATE, { algorithm: 'RS256', keyid: 'k1' }),
      reference.sign(claims, RSA_PRIVATE, { algorithm: 'RS256', keyid: 'k1' }),
    );
  });

  test('expiresIn and notBefore take seconds and time spans', () => {
    const spans = [[60, 60], ['15m', 900], ['2h', 7200], ['7d', 604800], ['1.5h', 5400], ['2 days', 172800], ['120', 0]];
    for (const [span, seconds] of spans) {
      const { payload } = segments(jwt.sign({ iat: NOW }, SECRET, { expiresIn: span, notBefore: span }));
      assert.equal(payload.exp, NOW + seconds, String(span));
      assert.equal(payload.nbf, NOW + seconds, String(span));
    }
    for (const bad of ['soon', '', '1 fortnight', 1.5, true]) {
      thrown(() => jwt.sign({}, SECRET, { expiresIn: bad }), JsonWebTokenError, 'InvalidOptions');
    }
  });

  test('registered claims come from the options', () => {
    const { header, payload } = segments(
      jwt.sign({ iat: NOW }, SECRET, {
        audience: ['a', 'b'], issuer: 'i', subject: 's', jwtid: 'j', keyid: 'k', header: { cty: 'x', 'x-tenant': 't' },
      }),
    );
    assert.deepEqual(payload, { iat: NOW, aud: ['a', 'b'], iss: 'i', sub: 's', jti: 'j' });
    assert.deepEqual(header, { alg: 'HS256', typ: 'JWT', kid: 'k', cty: 'x', 'x-tenant': 't' });
  });

  test('noTimestamp leaves iat out; mutatePayload writes into the caller\'s object', () => {
    assert.equal(segments(jwt.sign({ a: 1 }, SECRET, { noTimestamp: true })).payload.iat, undefined);
    const mine = { a: 1 };
    jwt.sign(mine, SECRET, { expiresIn: 10 });
    assert.deepEqual(mine, { a: 1 });
    jwt.sign(mine, SECRET, { expiresIn: 10, mutatePayload: true });
    assert.equal(mine.exp, mine.iat + 10);
  });

  test('string and Buffer payloads are signed as they are, without typ', () => {
    const [header, text] = jwt.sign('hello', SECRET).split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url')), { alg: 'HS256' });
    assert.equal(Buffer.from(text, 'base64url').toString(), 'hello');
    const [, payload] = jwt.sign(Buffer.from([0, 255, 1]), SECRET).split('.');
    assert.deepEqual([...Buffer.from(payload, 'base64url')], [0, 255, 1]);
    assert.equal(
      jwt.sign('hello', SECRET),
      require('jsonwebtoken').sign('hello', SECRET),
    );
    thrown(() => jwt.sign('hello', SECRET, { expiresIn: 60 }), JsonWebTokenError, 'InvalidOptions',
      'invalid expiresIn option for string payload');
  });

  test('options that clash with the payload are refused with jsonwebtoken\'s messages', () => {
    thrown(() => jwt.sign({ exp: 1 }, SECRET, { expiresIn: 60 }), JsonWebTokenError, 'InvalidOptions',
      'Bad "options.expiresIn" option the payload already has an "exp" property.');
    thrown(() => jwt.sign({ iss: 'x' }, SECRET, { issuer: 'y' }), JsonWebTokenError, 'InvalidOptions',
      'Bad "options.issuer" option. The payload already has an "iss" property.');
    thrown(() => jwt.sign({ exp: 'tomorrow' }, SECRET), JsonWebTokenError, 'InvalidClaims',
      '"exp" should be a number of seconds');
    thrown(() => jwt.sign({}, SECRET, { unknown: 1 }), JsonWebTokenError, 'InvalidOptions',
      '"unknown" is not allowed in "options"');
    thrown(() => jwt.sign(undefined, SECRET), JsonWebTokenError, 'InvalidOptions', 'payload is required');
  });

  test('jwt-core refuses claims of the wrong type and headers it cannot honour', () => {
    thrown(() => jwt.sign({ aud: 5 }, SECRET), JsonWebTokenError, 'InvalidClaims');
    thrown(() => jwt.sign({}, SECRET, { header: { alg: 'RS256' } }), JsonWebTokenError, 'InvalidHeader');
    thrown(() => jwt.sign({}, SECRET, { header: { crit: ['exp'] } }), JsonWebTokenError, 'InvalidHeader');
    thrown(() => jwt.sign({}, SECRET, { algorithm: 'none' }), JsonWebTokenError, 'InvalidAlgorithm');
    thrown(() => jwt.sign({}, SECRET, { algorithm: 'HS128' }), JsonWebTokenError, 'InvalidAlgorithm');
    thrown(() => jwt.sign({}, SECRET, { header: { alg: 'none' } }), JsonWebTokenError, 'InvalidHeader');
  });

  test('keys: the family must fit the algorithm, short secrets need allowInsecureKeySizes', () => {
    thrown(() => jwt.sign({}, RSA_PRIVATE), JsonWebTokenError, 'KeyAlgorithmMismatch');
    thrown(() => jwt.sign({}, SECRET, { algorithm: 'RS256' }), JsonWebTokenError, 'KeyAlgorithmMismatch');
    thrown(() => jwt.sign({}, RSA_PUBLIC, { algorithm: 'RS256' }), JsonWebTokenError, 'InvalidKey');
    thrown(() => jwt.sign({}, RSA_1024_PRIVATE, { algorithm: 'RS256' }), JsonWebTokenError, 'InvalidKey');
    thrown(() => jwt.sign({}, RSA_1024_PRIVATE, { algorithm: 'RS256', allowInsecureKeySizes: true }),
      JsonWebTokenError, 'InvalidKey');
    thrown(() => jwt.sign({}, 'shhhhh'), JsonWebTokenError, 'InvalidKey');
    const short = jwt.sign({ a: 1 }, 'shhhhh', { allowInsecureKeySizes: true });
    assert.equal(jwt.verify(short, 'shhhhh', { allowInsecureKeySizes: true }).a, 1);
    thrown(() => jwt.verify(short, 'shhhhh'), JsonWebTokenError, 'InvalidKey');
    thrown(() => jwt.sign({}, SECRET.slice(0, 40), { algorithm: 'HS512' }), JsonWebTokenError, 'InvalidKey');
    thrown(() => jwt.sign({}, undefined), JsonWebTokenError, 'InvalidKey', 'secretOrPrivateKey must have a value');
    thrown(() => jwt.sign({}, 42), JsonWebTokenError, 'InvalidKey', 'secretOrPrivateKey is not valid key material');
  });

  test('with a callback the token arrives asynchronously', async () => {
    let returned = false;
    const token = await new Promise((resolve, reject) => {
      jwt.sign({ a: 1 }, SECRET, { expiresIn: 5 }, (error, result) => (error ? reject(error) : resolve(result)));
      returned = true;
    });
    assert.ok(returned);
    assert.equal(jwt.verify(token, SECRET).a, 1);
    const error = await new Promise((resolve) => jwt.sign({ a: 1 }, 'short', (e) => resolve(e)));
    assert.ok(error instanceof JsonWebTokenError);
    assert.equal(error.code, 'InvalidKey');
    const viaTwo = await new Promise((resolve) => jwt.sign({ a: 2 }, SECRET, (e, t) => resolve(t)));
    assert.equal(jwt.verify(viaTwo, SECRET).a, 2);
  });
});

describe('verify', () => {
  const claims = { sub: 'u1', iss: 'https://auth.example.com', aud: ['api', 'web'], jti: 'j1', nonce: 'n1', iat: NOW - 10, nbf: NOW - 5, exp: NOW + 60 };
  const token = jwt.sign(claims, SECRET);
  const at = (now, options = {}) => ({ clockTimestamp: now, ...options });

  test('returns the claims; complete returns header, payload and signature', () => {
    assert.deepEqual(jwt.verify(token, SECRET, at(NOW)), claims);
    const complete = jwt.verify(token, SECRET, at(NOW, { complete: true }));
    assert.deepEqual(complete.header, { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(complete.payload, claims);
    assert.equal(complete.signature, token.split('.')[2]);
  });

  test('exp, nbf and maxAge: TokenExpiredError and NotBeforeError with their dates', () => {
    const expired = thrown(() => jwt.verify(token, SECRET, at(NOW + 60)), TokenExpiredError, 'Expired', 'jwt expired');
    assert.equal(expired.name, 'TokenExpiredError');
    assert.deepEqual(expired.expiredAt, new Date((NOW + 60) * 1000));
    assert.deepEqual(jwt.verify(token, SECRET, at(NOW + 60, { clockTolerance: 1 })), claims);
    assert.deepEqual(jwt.verify(token, SECRET, at(NOW + 600, { ignoreExpiration: true })), claims);
    const early = thrown(() => jwt.verify(token, SECRET, at(NOW - 6)), NotBeforeError, 'NotYetValid', 'jwt not active');
    assert.equal(early.name, 'NotBeforeError');
    assert.deepEqual(early.date, new Date((NOW - 5) * 1000));
    assert.deepEqual(jwt.verify(token, SECRET, at(NOW - 6, { ignoreNotBefore: true, ignoreExpiration: false })), claims);
    const old = thrown(() => jwt.verify(token, SECRET, at(NOW, { maxAge: 9 })), TokenExpiredError, 'TooOld', 'maxAge exceeded');
    assert.deepEqual(old.expiredAt, new Date((NOW - 1) * 1000));
    assert.deepEqual(jwt.verify(token, SECRET, at(NOW, { maxAge: '1m' })), claims);
    const noIat = jwt.sign({ a: 1 }, SECRET, { noTimestamp: true });
    thrown(() => jwt.verify(noIat, SECRET, at(NOW, { maxAge: 60 })), JsonWebTokenError, 'MissingRequiredClaim',
      'iat required when maxAge is specified');
  });

  test('without options nothing is required and the audience is not looked at', () => {
    const bare = jwt.sign({ aud: 'elsewhere' }, SECRET, { noTimestamp: true });
    assert.deepEqual(jwt.verify(bare, SECRET), { aud: 'elsewhere' });
  });

  test('audience: strings, RegExps and arrays of them', () => {
    for (const audience of ['api', ['x', 'web'], /^ap/, [/nope/, 'web']]) {
      assert.deepEqual(jwt.verify(token, SECRET, at(NOW, { audience })), claims, String(audience));
    }
    thrown(() => jwt.verify(token, SECRET, at(NOW, { audience: 'other' })), JsonWebTokenError, 'InvalidAudience',
      'jwt audience invalid. expected: other');
    thrown(() => jwt.verify(token, SECRET, at(NOW, { audience: ['a', /c$/] })), JsonWebTokenError, 'InvalidAudience',
      'jwt audience invalid. expected: a or /c$/');
    const noAud = jwt.sign({ a: 1 }, SECRET);
    for (const audience of [/x/, 'x', ['x', /y/]]) {
      const expected = reference(() => require('jsonwebtoken').verify(noAud, SECRET, { audience }));
      thrown(() => jwt.verify(noAud, SECRET, { audience }), JsonWebTokenError, 'InvalidAudience', expected.message);
    }
    // The module calls RegExp.prototype.test on a plain copy, never a subclass's override.
    class Throwing extends RegExp {
      test() {
        throw new Error('not called');
      }
    }
    assert.deepEqual(jwt.verify(token, SECRET, at(NOW, { audience: new Throwing('^we') })), claims);
    thrown(() => jwt.verify(token, SECRET, at(NOW, { audience: new Throwing('^x') })), JsonWebTokenError,
      'InvalidAudience', 'jwt audience invalid. expected: /^x/');
  });

  test('issuer, subject, jwtid and nonce', () => {
    assert.deepEqual(jwt.verify(token, SECRET, at(NOW, { issuer: ['x', 'https://auth.example.com'], subject: 'u1', jwtid: 'j1', nonce: 'n1' })), claims);
    thrown(() => jwt.verify(token, SECRET, at(NOW, { issuer: 'x' })), JsonWebTokenError, 'InvalidIssuer',
      'jwt issuer invalid. expected: x');
    thrown(() => jwt.verify(token, SECRET, at(NOW, { issuer: ['x', 'y'] })), JsonWebTokenError, 'InvalidIssuer',
      'jwt issuer invalid. expected: x,y');
    thrown(() => jwt.verify(token, SECRET, at(NOW, { subject: 'u2' })), JsonWebTokenError, 'InvalidSubject',
      'jwt subject invalid. expected: u2');
    thrown(() => jwt.verify(token, SECRET, at(NOW, { jwtid: 'j2' })), JsonWebTokenError, 'ClaimMismatch',
      'jwt jwtid invalid. expected: j2');
    thrown(() => jwt.verify(token, SECRET, at(NOW, { nonce: 'n2' })), JsonWebTokenError, 'ClaimMismatch',
      'jwt nonce invalid. expected: n2');
    const bare = jwt.sign({ a: 1 }, SECRET);
    for (const options of [{ jwtid: 'j1' }, { nonce: 'n1' }]) {
      const expected = reference(() => require('jsonwebtoken').verify(bare, SECRET, options));
      thrown(() => jwt.verify(bare, SECRET, options), JsonWebTokenError, 'MissingRequiredClaim', expected.message);
    }
    thrown(() => jwt.verify(token, SECRET, at(NOW, { nonce: ' ' })), JsonWebTokenError, 'InvalidOptions',
      'nonce must be a non-empty string');
    thrown(() => jwt.verify(token, SECRET, { clockTimestamp: 'now' }), JsonWebTokenError, 'InvalidOptions',
      'clockTimestamp must be a number');
  });

  test('algorithms: an allow-list, the key family by default, never none', () => {
    thrown(() => jwt.verify(token, SECRET, at(NOW, { algorithms: ['HS384'] })), JsonWebTokenError, 'InvalidAlgorithm',
      'invalid algorithm');
    thrown(() => jwt.verify(token, SECRET, at(NOW, { algorithms: ['none'] })), JsonWebTokenError, 'InvalidAlgorithm');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${token.split('.')[1]}.`;
    thrown(() => jwt.verify(none, SECRET, at(NOW)), JsonWebTokenError, 'InvalidAlgorithm');
    const rs = jwt.sign({ a: 1 }, RSA_PRIVATE, { algorithm: 'RS384' });
    assert.equal(jwt.verify(rs, RSA_PUBLIC).a, 1);
    thrown(() => jwt.verify(rs, SECRET), JsonWebTokenError, 'InvalidAlgorithm');
  });

  test('a key verifies only its own family (no RS/HS confusion)', () => {
    // The classic attack: an HS256 token MACed with the RSA public key's PEM text.
    const forged = require('jsonwebtoken').sign({ admin: true }, RSA_PUBLIC.replace('PUBLIC', 'XPUBLIC'));
    const withPem = forged.split('.').slice(0, 2).join('.') + '.' +
      crypto.createHmac('sha256', RSA_PUBLIC).update(forged.split('.').slice(0, 2).join('.')).digest('base64url');
    thrown(() => jwt.verify(withPem, RSA_PUBLIC, { algorithms: ['HS256', 'RS256'] }), JsonWebTokenError,
      'KeyAlgorithmMismatch', 'secretOrPublicKey must be a symmetric key when using HS256');
    const rs = jwt.sign({ a: 1 }, RSA_PRIVATE, { algorithm: 'RS256' });
    thrown(() => jwt.verify(rs, SECRET, { algorithms: ['RS256'] }), JsonWebTokenError, 'KeyAlgorithmMismatch',
      'secretOrPublicKey must be an asymmetric key when using RS256');
    thrown(() => jwt.verify(rs, ED_PUBLIC, { algorithms: ['RS256'] }), JsonWebTokenError, 'KeyAlgorithmMismatch',
      'invalid algorithm');
  });

  test('signature and structure errors', () => {
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BA' : 'AA');
    thrown(() => jwt.verify(tampered, SECRET, at(NOW)), JsonWebTokenError, 'InvalidSignature', 'invalid signature');
    thrown(() => jwt.verify(token, SECRET.replace('a', 'b'), at(NOW)), JsonWebTokenError, 'InvalidSignature');
    thrown(() => jwt.verify('a.b', SECRET), JsonWebTokenError, 'MalformedToken', 'jwt malformed');
    thrown(() => jwt.verify('a.b.c.d', SECRET), JsonWebTokenError, 'MalformedToken', 'jwt malformed');
    const [, body, tag] = token.split('.');
    for (const header of ['bm90IGpzb24', 'e30=', 'e30*']) { // not JSON, padded, not base64url
      const undecodable = `${header}.${body}.${tag}`;
      const expected = reference(() => require('jsonwebtoken').verify(undecodable, SECRET));
      thrown(() => jwt.verify(undecodable, SECRET), JsonWebTokenError, 'MalformedToken', expected.message);
    }
    thrown(() => jwt.verify('', SECRET), JsonWebTokenError, 'MalformedToken', 'jwt must be provided');
    thrown(() => jwt.verify(undefined, SECRET), JsonWebTokenError, 'MalformedToken', 'jwt must be provided');
    thrown(() => jwt.verify(42, SECRET), JsonWebTokenError, 'MalformedToken', 'jwt must be a string');
    const badExp = jwt.sign({}, SECRET).split('.');
    const payload = Buffer.from('{"exp":"soon"}').toString('base64url');
    const signingInput = `${badExp[0]}.${payload}`;
    const mac = crypto.createHmac('sha256', SECRET).update(signingInput).digest('base64url');
    thrown(() => jwt.verify(`${signingInput}.${mac}`, SECRET), JsonWebTokenError, 'MalformedToken', 'invalid exp value');
    thrown(() => jwt.verify(token, undefined), JsonWebTokenError, 'InvalidKey', 'secret or public key must be provided');
  });

  test('jwt-core\'s stricter checks carry their own codes', () => {
    const long = jwt.sign({ pad: 'x'.repeat(40000) }, SECRET);
    thrown(() => jwt.verify(long, SECRET), JsonWebTokenError, 'TokenTooLarge');
    assert.equal(jwt.verify(long, SECRET, { maxTokenBytes: 60000 }).pad.length, 40000);
    const future = jwt.sign({ iat: NOW + 100 }, SECRET);
    thrown(() => jwt.verify(future, SECRET, at(NOW)), JsonWebTokenError, 'ImmatureIssuedAt');
    assert.ok(jwt.verify(future, SECRET, at(NOW, { clockTolerance: 100 })));
    const typed = jwt.sign({ a: 1 }, SECRET, { header: { typ: 'at+jwt' } });
    assert.equal(jwt.verify(typed, SECRET, { typ: 'at+jwt' }).a, 1);
    thrown(() => jwt.verify(token, SECRET, at(NOW, { typ: 'at+jwt' })), JsonWebTokenError, 'InvalidType');
    const bare = jwt.sign({ a: 1 }, SECRET, { noTimestamp: true });
    thrown(() => jwt.verify(bare, SECRET, { strict: true }), JsonWebTokenError, 'MissingRequiredClaim');
    thrown(() => jwt.verify(bare, SECRET, { requiredClaims: ['role'] }), JsonWebTokenError, 'MissingRequiredClaim');
    const stringPayload = jwt.sign('hello', SECRET);
    thrown(() => jwt.verify(stringPayload, SECRET), JsonWebTokenError, 'MalformedToken');
  });

  test('callbacks are called synchronously, with the error or the claims', () => {
    let seen;
    jwt.verify(token, SECRET, at(NOW), (error, decoded) => { seen = [error, decoded]; });
    assert.deepEqual(seen, [null, claims]);
    jwt.verify(token, SECRET, (error) => { seen = error; });
    assert.ok(seen instanceof TokenExpiredError || seen === null);
    jwt.verify('x', SECRET, (error) => { seen = error; });
    assert.equal(seen.message, 'jwt malformed');
  });

  test('a call like the last one sees every change since: options, key bytes, freed keys', () => {
    const options = at(NOW, { algorithms: ['HS256'], issuer: claims.iss });
    assert.deepEqual(jwt.verify(token, SECRET, options), claims);
    assert.deepEqual(jwt.verify(token, SECRET, options), claims);
    options.issuer = 'https://other.example.com';
    thrown(() => jwt.verify(token, SECRET, options), JsonWebTokenError, 'InvalidIssuer',
      'jwt issuer invalid. expected: https://other.example.com');
    options.issuer = claims.iss;
    options.audience = ['api'];
    options.algorithms.push('HS384');
    assert.deepEqual(jwt.verify(token, SECRET, options), claims);
    options.algorithms.splice(0, 2, 'HS512');
    thrown(() => jwt.verify(token, SECRET, options), JsonWebTokenError, 'InvalidAlgorithm');
    options.algorithms = ['HS256'];

    const short = 'short secret';
    const weak = jwt.sign(claims, short, { allowInsecureKeySizes: true });
    const lenient = at(NOW, { algorithms: ['HS256'] });
    thrown(() => jwt.verify(weak, short, lenient), JsonWebTokenError, 'InvalidKey');
    lenient.allowInsecureKeySizes = true;
    assert.deepEqual(jwt.verify(weak, short, lenient), claims);
    lenient.keyFormat = 'pem';
    thrown(() => jwt.verify(weak, short, lenient), JsonWebTokenError, 'InvalidKey');

    const bytes = Buffer.from(SECRET);
    assert.deepEqual(jwt.verify(token, bytes, options), claims);
    bytes.fill(0x61);
    thrown(() => jwt.verify(token, bytes, options), JsonWebTokenError, 'InvalidSignature', 'invalid signature');

    // The last call's key is pushed out of the key cache (and freed in the module) by calls
    // that fail after reading their key; the same call again reads it anew.
    assert.deepEqual(jwt.verify(token, SECRET, options), claims);
    for (let i = 0; i < 70; i++) {
      thrown(() => jwt.verify(token, `${SECRET}-${i}`, { issuer: 5 }), JsonWebTokenError, 'InvalidOptions');
    }
    assert.deepEqual(jwt.verify(token, SECRET, options), claims);
  });

  test('the key may be a function of the header, with a callback', async () => {
    const signed = jwt.sign({ a: 1 }, ED_PRIVATE, { algorithm: 'EdDSA', keyid: 'ed1' });
    const lookup = (header, callback) => {
      assert.deepEqual(header, { alg: 'EdDSA', typ: 'JWT', kid: 'ed1' });
      setImmediate(() => callback(null, ED_PUBLIC));
    };
    const decoded = await new Promise((resolve, reject) =>
      jwt.verify(signed, lookup, (error, result) => (error ? reject(error) : resolve(result))));
    assert.equal(decoded.a, 1);
    const failing = await new Promise((resolve) =>
      jwt.verify(signed, (header, callback) => callback(new Error('no such key')), (error) => resolve(error)));
    assert.equal(failing.message, 'error in secret or public key callback: no such key');
    assert.equal(failing.code, 'InvalidKey');
    thrown(() => jwt.verify(signed, lookup), JsonWebTokenError, 'InvalidOptions',
      'verify must be called asynchronous if secret or public key is provided as a callback');
    const malformed = await new Promise((resolve) => jwt.verify('x.y', lookup, (error) => resolve(error)));
    assert.equal(malformed.code, 'MalformedToken');
  });
});

describe('keys', () => {
  const claims = { a: 1 };

  test('an Ed25519 key in constant use gives the verdicts of its first uses', () => {
    // From its ninth verification, jwt-core verifies with a table of the key's multiples.
    const token = jwt.sign(claims, ED_PRIVATE, { algorithm: 'EdDSA' });
    const [head, body, signature] = token.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    const changed = (change) => {
      const copy = Buffer.from(bytes);
      change(copy);
      return `${head}.${body}.${copy.toString('base64url')}`;
    };
    // S + L, the same S unreduced (L, the group order, little-endian).
    const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');
    const unreduced = changed((copy) => {
      let carry = 0;
      for (let i = 0; i < 32; i++) {
        const sum = copy[32 + i] + L[i] + carry;
        copy[32 + i] = sum & 0xff;
        carry = sum >> 8;
      }
    });
    const refused = [changed((copy) => { copy[0] ^= 1; }), changed((copy) => { copy[40] ^= 1; }), unreduced];
    for (let round = 0; round < 12; round++) {
      assert.equal(jwt.verify(token, ED_PUBLIC, { algorithms: ['EdDSA'] }).a, 1);
      for (const bad of refused) {
        thrown(() => jwt.verify(bad, ED_PUBLIC, { algorithms: ['EdDSA'] }), JsonWebTokenError, 'InvalidSignature');
      }
    }
  });

  test('Buffers, Uint8Arrays, KeyObjects and JWKs, for every family', () => {
    const hs = jwt.sign(claims, Buffer.from(SECRET));
    for (const key of [SECRET, Buffer.from(SECRET), new TextEncoder().encode(SECRET), crypto.createSecretKey(Buffer.from(SECRET)),
      { kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }]) {
      assert.equal(jwt.verify(hs, key).a, 1);
    }
    const rsaPrivate = crypto.createPrivateKey(RSA_PRIVATE);
    const rs = jwt.sign(claims, rsaPrivate, { algorithm: 'RS512' });
    for (const key of [RSA_PUBLIC, Buffer.from(RSA_PUBLIC), crypto.createPublicKey(RSA_PUBLIC),
      crypto.createPublicKey(RSA_PUBLIC).export({ format: 'jwk' }), RSA_PRIVATE]) {
      assert.equal(jwt.verify(rs, key).a, 1);
    }
    const edPrivate = crypto.createPrivateKey(ED_PRIVATE);
    const ed = jwt.sign(claims, edPrivate.export({ format: 'jwk' }), { algorithm: 'EdDSA' });
    for (const key of [ED_PUBLIC, crypto.createPublicKey(ED_PUBLIC), edPrivate]) {
      assert.equal(jwt.verify(ed, key).a, 1);
    }
    thrown(() => jwt.verify(ed, ED_OTHER_PUBLIC), JsonWebTokenError, 'InvalidSignature');
  });

  test('ECDSA and RSA-PSS: PEM, SEC1, KeyObjects and JWKs, one curve per algorithm, tokens jsonwebtoken reads', () => {
    const reference = require('jsonwebtoken');
    for (const [alg, curve, other] of [['ES256', 'p256', 'p384'], ['ES384', 'p384', 'p256']]) {
      const publicPem = pem(`${curve}-public-spki.pem`);
      const token = jwt.sign(claims, pem(`${curve}-private-sec1.pem`), { algorithm: alg });
      assert.equal(segments(token).header.alg, alg);
      assert.equal(Buffer.from(segments(token).signature, 'base64url').length, alg === 'ES256' ? 64 : 96);
      for (const key of [publicPem, crypto.createPublicKey(publicPem), crypto.createPublicKey(publicPem).export({ format: 'jwk' }),
        pem(`${curve}-private-pkcs8.pem`)]) {
        assert.equal(jwt.verify(token, key, { algorithms: [alg] }).a, 1);
      }
      assert.equal(reference.verify(token, publicPem, { algorithms: [alg] }).a, 1);
      const theirs = reference.sign({ b: 2 }, pem(`${curve}-private-pkcs8.pem`), { algorithm: alg });
      assert.equal(jwt.verify(theirs, publicPem, { algorithms: [alg] }).b, 2);
      thrown(() => jwt.verify(token, pem(`${other}-public-spki.pem`), { algorithms: [alg] }), JsonWebTokenError, 'InvalidKey');
      thrown(() => jwt.sign(claims, pem(`${other}-private-pkcs8.pem`), { algorithm: alg }), JsonWebTokenError, 'InvalidKey');
    }
    thrown(() => jwt.verify(jwt.sign(claims, pem('p256-private-pkcs8.pem'), { algorithm: 'ES256' }), pem('p256-other-public-spki.pem'),
      { algorithms: ['ES256'] }), JsonWebTokenError, 'InvalidSignature', 'invalid signature');
    for (const alg of ['PS256', 'PS384', 'PS512']) {
      const token = jwt.sign(claims, RSA_PRIVATE, { algorithm: alg });
      assert.equal(jwt.verify(token, RSA_PUBLIC, { algorithms: [alg] }).a, 1);
      assert.equal(reference.verify(token, RSA_PUBLIC, { algorithms: [alg] }).a, 1);
      assert.equal(jwt.verify(reference.sign({ b: 2 }, RSA_PRIVATE, { algorithm: alg }), RSA_PUBLIC, { algorithms: [alg] }).b, 2);
      // The allow-list, not the key, tells PSS from PKCS#1 v1.5: the same RSA key serves both.
      thrown(() => jwt.verify(token, RSA_PUBLIC, { algorithms: ['RS256'] }), JsonWebTokenError, 'InvalidAlgorithm');
    }
    thrown(() => jwt.sign(claims, pem('p256-private-pkcs8.pem'), { algorithm: 'ES512' }), JsonWebTokenError, 'InvalidAlgorithm');
  });

  test('bytes that are a key in any encoding are that key, never a secret', () => {
    const rsaPublic = crypto.createPublicKey(RSA_PUBLIC);
    const rs = jwt.sign(claims, crypto.createPrivateKey(RSA_PRIVATE).export({ type: 'pkcs1', format: 'der' }),
      { algorithm: 'RS256' });
    for (const key of [rsaPublic.export({ type: 'spki', format: 'der' }), rsaPublic.export({ type: 'pkcs1', format: 'der' }),
      JSON.stringify(rsaPublic.export({ format: 'jwk' })), JSON.stringify({ keys: [rsaPublic.export({ format: 'jwk' })] })]) {
      assert.equal(jwt.verify(rs, key, { algorithms: ['RS256'] }).a, 1);
    }
    const ed = jwt.sign(claims, crypto.createPrivateKey(ED_PRIVATE).export({ type: 'pkcs8', format: 'der' }),
      { algorithm: 'EdDSA' });
    assert.equal(jwt.verify(ed, crypto.createPublicKey(ED_PUBLIC).export({ type: 'spki', format: 'der' })).a, 1);
    const ssh = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host';
    thrown(() => jwt.verify(ed, ssh), JsonWebTokenError, 'InvalidKey');
    thrown(() => jwt.sign(claims, ssh), JsonWebTokenError, 'InvalidKey');
    // JSON naming a kty anywhere, and DER that is no key this library reads, are no secrets either.
    thrown(() => jwt.verify(ed, '{"wrapped": {"kty": "oct", "k": "c2VjcmV0"}}'), JsonWebTokenError, 'InvalidKey');
    const x25519 = crypto.generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'der' });
    thrown(() => jwt.verify(ed, x25519, { algorithms: ['EdDSA'] }), JsonWebTokenError, 'InvalidKey');
  });

  test('keyFormat says how text is read', () => {
    const pemText = RSA_PUBLIC;
    const asSecret = jwt.sign(claims, pemText, { keyFormat: 'secret' });
    assert.equal(jwt.verify(asSecret, pemText, { keyFormat: 'secret' }).a, 1);
    thrown(() => jwt.verify(asSecret, pemText), JsonWebTokenError, 'InvalidAlgorithm');
    thrown(() => jwt.verify(asSecret, pemText, { algorithms: ['HS256'] }), JsonWebTokenError, 'KeyAlgorithmMismatch');
    thrown(() => jwt.verify(asSecret, SECRET, { keyFormat: 'pem' }), JsonWebTokenError, 'InvalidKey');
    thrown(() => jwt.verify(asSecret, SECRET, { keyFormat: 'der' }), JsonWebTokenError, 'InvalidOptions');
  });

  test('a JWK Set picks the key by kid', () => {
    const one = crypto.createPublicKey(ED_PUBLIC).export({ format: 'jwk' });
    const two = crypto.createPublicKey(ED_OTHER_PUBLIC).export({ format: 'jwk' });
    const set = { keys: [{ ...two, kid: 'two' }, { ...one, kid: 'one', alg: 'EdDSA' }, { kty: 'EC', crv: 'secp256k1', x: 'AA', y: 'AA' }] };
    const token = jwt.sign(claims, ED_PRIVATE, { algorithm: 'EdDSA', keyid: 'one' });
    assert.equal(jwt.verify(token, set, { algorithms: ['EdDSA'] }).a, 1);
    const unknown = jwt.sign(claims, ED_PRIVATE, { algorithm: 'EdDSA', keyid: 'three' });
    thrown(() => jwt.verify(unknown, set, { algorithms: ['EdDSA'] }), JsonWebTokenError, 'UnknownKeyId');
    const wrong = jwt.sign(claims, ED_PRIVATE, { algorithm: 'EdDSA', keyid: 'two' });
    thrown(() => jwt.verify(wrong, set, { algorithms: ['EdDSA'] }), JsonWebTokenError, 'InvalidSignature');
    thrown(() => jwt.verify(token, set), JsonWebTokenError, 'InvalidOptions');
    thrown(() => jwt.verify(token, { keys: [] }, { algorithms: ['EdDSA'] }), JsonWebTokenError, 'InvalidKey');
  });

  test('a key ring signs with its current key, verifies retired-not-yet keys and publishes its JWKS', () => {
    const ring = new jwt.KeyRing(ED_PRIVATE, { algorithm: 'EdDSA', kid: 'k1' });
    const first = ring.sign({ sub: 'u1' }, { expiresIn: 60 });
    assert.equal(segments(first).header.kid, 'k1');
    ring.rotate(RSA_PRIVATE, { algorithm: 'RS256' });
    assert.equal(ring.currentKid.length, 43);
    const second = ring.sign({ sub: 'u2' });
    assert.equal(segments(second).header.kid, ring.currentKid);
    const jwks = ring.jwks();
    assert.deepEqual(jwks.keys.map((k) => k.kid).sort(), ['k1', ring.currentKid].sort());
    assert.ok(jwks.keys.every((k) => k.d === undefined && k.p === undefined));
    const options = { algorithms: ['EdDSA', 'RS256'] };
    assert.equal(ring.verify(first, options).sub, 'u1');
    assert.equal(ring.verify(second, options).sub, 'u2');
    assert.equal(jwt.verify(first, jwks, options).sub, 'u1');
    ring.retire('k1');
    thrown(() => ring.verify(first, options), JsonWebTokenError, 'UnknownKeyId');
    thrown(() => ring.retire(ring.currentKid), JsonWebTokenError, 'InvalidKey');
    thrown(() => ring.rotate(RSA_PRIVATE, { algorithm: 'RS256' }), JsonWebTokenError, 'InvalidKey');
    thrown(() => ring.verify(second), JsonWebTokenError, 'InvalidOptions');
    thrown(() => new jwt.KeyRing(SECRET, {}), JsonWebTokenError, 'InvalidOptions');
    const hmacRing = new jwt.KeyRing(SECRET, { algorithm: 'HS256' });
    assert.deepEqual(hmacRing.jwks(), { keys: [] });
  });
});

describe('generateKey', () => {
  test('makes keys of every family from crypto.getRandomValues, named by thumbprint', () => {
    const ed = jwt.generateKey('EdDSA');
    assert.equal(ed.privateKey.kty, 'OKP');
    assert.equal(Buffer.from(ed.privateKey.d, 'base64url').length, 32);
    assert.equal(ed.publicKey.d, undefined);
    assert.equal(ed.publicKey.kid, ed.privateKey.kid);
    assert.equal(ed.privateKey.kid.length, 43);
    const token = jwt.sign({ a: 1 }, ed.privateKey, { algorithm: 'EdDSA', keyid: ed.privateKey.kid });
    assert.equal(jwt.verify(token, { keys: [ed.publicKey] }, { algorithms: ['EdDSA'] }).a, 1);
    assert.notEqual(jwt.generateKey('EdDSA').privateKey.d, ed.privateKey.d);
    for (const [alg, bytes] of [['HS256', 32], ['HS384', 48], ['HS512', 64]]) {
      const hs = jwt.generateKey(alg);
      assert.equal(hs.publicKey, undefined);
      assert.equal(Buffer.from(hs.privateKey.k, 'base64url').length, bytes);
      assert.equal(jwt.verify(jwt.sign({ a: 2 }, hs.privateKey, { algorithm: alg }), hs.privateKey).a, 2);
    }
    const rsa = jwt.generateKey('RS256');
    assert.equal(Buffer.from(rsa.publicKey.n, 'base64url').length, 256);
    assert.equal(jwt.verify(jwt.sign({ a: 3 }, rsa.privateKey, { algorithm: 'RS256' }), rsa.publicKey).a, 3);
    for (const [alg, crv, bytes] of [['ES256', 'P-256', 32], ['ES384', 'P-384', 48]]) {
      const ec = jwt.generateKey(alg);
      assert.equal(ec.publicKey.crv, crv);
      assert.equal(Buffer.from(ec.publicKey.x, 'base64url').length, bytes);
      assert.equal(Buffer.from(ec.privateKey.d, 'base64url').length, bytes);
      assert.equal(jwt.verify(jwt.sign({ a: 4 }, ec.privateKey, { algorithm: alg }), ec.publicKey, { algorithms: [alg] }).a, 4);
    }
    thrown(() => jwt.generateKey('none'), JsonWebTokenError, 'InvalidAlgorithm');
    thrown(() => jwt.generateKey(5), JsonWebTokenError, 'InvalidAlgorithm');
  });

  test('a key ring rotates to generated keys', () => {
    const ring = new jwt.KeyRing(jwt.generateKey('EdDSA').privateKey, { algorithm: 'EdDSA' });
    const next = jwt.generateKey('EdDSA');
    ring.rotate(next.privateKey, { algorithm: 'EdDSA' });
    assert.equal(ring.currentKid, next.privateKey.kid);
    assert.equal(ring.jwks().keys.length, 2);
  });
});

describe('decode', () => {
  test('returns the claims, or the parts with complete, without verifying', () => {
    const token = jwt.sign({ a: 1 }, SECRET, { keyid: 'k' });
    const forged = token.replace(/\.[^.]*$/, '.AAAA');
    assert.equal(jwt.decode(forged).a, 1);
    const complete = jwt.decode(forged, { complete: true });
    assert.deepEqual(complete.header, { alg: 'HS256', typ: 'JWT', kid: 'k' });
    assert.equal(complete.signature, 'AAAA');
    assert.equal(jwt.decode(token, { json: true }).a, 1);
  });

  test('returns null for anything that is not a JWT', () => {
    for (const bad of ['', 'a.b', 'x.y.z', undefined, null, 42, {}, jwt.sign('text', SECRET), 'a'.repeat(100000)]) {
      assert.equal(jwt.decode(bad), null, String(bad).slice(0, 20));
    }
  });
});

describe('errors', () => {
  test('are Error subclasses named as jsonwebtoken\'s, and exported as its', () => {
    const error = new TokenExpiredError('jwt expired', new Date(0));
    assert.ok(error instanceof JsonWebTokenError && error instanceof Error);
    assert.equal(error.name, 'TokenExpiredError');
    assert.equal(error.code, 'Expired');
    assert.equal(new NotBeforeError('x', new Date(0)).code, 'NotYetValid');
    assert.equal(new JsonWebTokenError('x').name, 'JsonWebTokenError');
    assert.ok(error.stack.includes('TokenExpiredError'));
  });

  test('carry jwt-core\'s message as detail', () => {
    const token = jwt.sign({ a: 1 }, SECRET);
    const [header, , signature] = token.split('.');
    const error = thrown(() => jwt.verify(`${header}.e30=.${signature}`, SECRET), JsonWebTokenError, 'MalformedToken');
    assert.match(error.detail, /base64url/);
  });
});
