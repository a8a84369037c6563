// Verified claims are built from the module's plan of them (src/plan.rs, js/exchange.js):
// each must be the very object JSON.parse makes of the payload, member order, number values,
// strings, prototypes and all.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const jwt = require('jwt-wasm');

const SECRET = 'a secret of at least 32 random bytes, never a password';
const OPTIONS = { algorithms: ['HS256'] };

/** An HS256 token whose payload is exactly `payload`'s bytes. */
function tokenOf(payload) {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const input = `${header}.${Buffer.from(payload).toString('base64url')}`;
  const signature = crypto.createHmac('sha256', SECRET).update(input).digest('base64url');
  return `${input}.${signature}`;
}

/** Verifies the token of `payload` and checks the claims against JSON.parse's object. */
function same(payload) {
  const claims = jwt.verify(tokenOf(payload), SECRET, OPTIONS);
  const parsed = JSON.parse(payload);
  assert.deepStrictEqual(claims, parsed, payload);
  assert.deepStrictEqual(Reflect.ownKeys(claims), Reflect.ownKeys(parsed), payload);
  assert.equal(Object.getPrototypeOf(claims), Object.prototype);
  return claims;
}

test('claims of every JSON shape are the object JSON.parse makes', () => {
  for (const payload of [
    '{}',
    '{"sub":"u1","exp":4102444800,"aud":["a","b"],"admin":true,"off":false,"x":null}',
    '{"nested":{"a":[1,{"b":[]}],"c":{}},"empty":[],"deep":[[[["x"]]]]}',
    '{"esc":"a\\"b\\\\c\\/d\\n\\t\\u0000\\u00e9\\ud83d\\ude00","raw":"José 😀 ü"}',
    '{"😀":"é","ключ":["значение"],"a\\u0062":1}',
    JSON.stringify({ spaced: [1, 2, { three: 3 }], x: 'y' }, null, 2),
    `{"long":"${'a'.repeat(1000)}","short":"a","mid":"abcdefghijklmnop"}`,
    '{"10":1,"2":2,"01":3,"b":4,"a":5,"-1":6,"4294967295":7}',
  ]) {
    same(payload);
  }
});

test('numbers are the values JSON.parse reads, negative zero included', () => {
  const claims = same(
    '{"z":-0,"e":1E3,"f":1.5e-7,"big":12345678901234567890,"odd":9007199254740993,"t":0.1,"n":-42,"p":1e+2,"huge":1e308}',
  );
  assert.ok(Object.is(claims.z, -0));
  assert.equal(claims.odd, 9007199254740992);
});

test('__proto__ and the names of the object prototype are own members, as JSON.parse makes them', () => {
  const claims = same(
    '{"__proto__":{"polluted":true},"constructor":"c","toString":"t","hasOwnProperty":1,"valueOf":[]}',
  );
  assert.ok(Object.hasOwn(claims, '__proto__'));
  assert.equal(claims.polluted, undefined);
  assert.equal({}.polluted, undefined);
  assert.equal(claims.toString, 't');
});

test('names are remembered across tokens, and past the numbered ones still read right', () => {
  // 1,200 distinct names across tokens: more than the module numbers (1,024) and than its
  // table has slots, so names are pushed out, numbered again, and finally left unnumbered.
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 1200; i += 40) {
      const members = {};
      for (let j = i; j < i + 40; j++) members[`claim_${j}`] = j;
      members.sub = `user${i}`;
      same(JSON.stringify(members));
    }
  }
  same('{"sub":"again","claim_5":"five","claim_1199":[1199]}');
});

test('with a frozen object prototype, members named as its properties are still defined', () => {
  const script = `
    Object.freeze(Object.prototype);
    const jwt = require('jwt-wasm');
    const token = process.argv[1];
    const claims = jwt.verify(token, ${JSON.stringify(SECRET)}, { algorithms: ['HS256'] });
    process.stdout.write(JSON.stringify([claims, Object.keys(claims)]));
  `;
  const payload = '{"toString":"t","constructor":{"a":1},"valueOf":2,"sub":"s"}';
  const out = execFileSync(process.execPath, ['-e', script, tokenOf(payload)], {
    cwd: __dirname,
    encoding: 'utf8',
  });
  const parsed = JSON.parse(payload);
  assert.deepStrictEqual(JSON.parse(out), [parsed, Object.keys(parsed)]);
});

test('claims large enough to grow the module\'s memory are built from the grown memory', () => {
  const members = {};
  for (let i = 0; i < 20000; i++) members[`m${i}`] = [`value ${i}`, i, i % 2 === 0, null, { n: i }];
  const payload = JSON.stringify(members);
  const token = tokenOf(payload);
  const options = { ...OPTIONS, maxTokenBytes: token.length };
  assert.deepStrictEqual(jwt.verify(token, SECRET, options), JSON.parse(payload));
  same('{"sub":"after","n":[1,2,3]}');
});
