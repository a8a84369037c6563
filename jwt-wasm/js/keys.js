// Keys as callers pass them (strings, Buffers, Uint8Arrays, JWK and JWK Set objects, Node
// KeyObjects) turned into jwt-core keys, parsed once: a string, byte array or JWK is looked up
// by its contents in a bounded cache, a KeyObject (immutable) by identity. Which bytes are a key
// and which a secret, and whether a key is acceptable, is decided by the wasm module (jwt-core's
// KeyMaterial::sort): a key in any encoding (PEM, DER, JWK or JWK Set JSON) is never a secret.
//
// `keyFormat` says what a string or byte array is instead: "pem" (a PEM key, never a secret) or
// "secret" (a secret, never a key).

import { SignKey, VerifyKey } from './native.js';
import { fromFailure, invalidOptions, JsonWebTokenError } from './errors.js';

/**
 * Keys kept per cache; beyond, the oldest is dropped and its memory in the module freed at
 * once (a loop that never yields to the event loop would otherwise hold every key it ever
 * parsed until the glue's finalizers run). Keys given as KeyObjects live as long as those.
 */
const CACHE_LIMIT = 64;

/** A bounded map of key entries (`{ handle, ... }`). */
class Cache {
  #map = new Map();

  get(key) {
    return this.#map.get(key);
  }

  set(key, entry) {
    if (this.#map.size >= CACHE_LIMIT) {
      const oldest = this.#map.keys().next().value;
      const dropped = this.#map.get(oldest);
      dropped.freed = true;
      dropped.handle.free();
      this.#map.delete(oldest);
    }
    this.#map.set(key, entry);
    return entry;
  }
}

/**
 * The caches of one way of reading keys (verify or sign, algorithm, short secrets admitted or
 * not, key format): `text` holds keys given as strings under the caller's own string (whose
 * hash the engine keeps, so a lookup hashes nothing); `other` holds byte arrays and JWKs under
 * an id made of their contents; `objects` holds KeyObjects.
 */
function caches() {
  return { text: new Cache(), other: new Cache(), objects: new WeakMap() };
}

/** Ways of reading keys -> their caches; bounded, as a caller may pass any algorithm string. */
const modes = new Map();

function cachesFor(mode) {
  let found = modes.get(mode);
  if (found === undefined) {
    if (modes.size >= 64) modes.delete(modes.keys().next().value);
    found = caches();
    modes.set(mode, found);
  }
  return found;
}

const encoder = new TextEncoder();
const FORMATS = ['pem', 'secret'];
/** No key is longer (an 8192-bit RSA JWK Set with many members is far shorter). */
const MAX_KEY_CHARS = 1 << 20;

function invalid(message) {
  return new JsonWebTokenError(message, 'InvalidKey');
}

/** Whether `key` is a Node KeyObject. */
export function isKeyObject(key) {
  return Object.prototype.toString.call(key) === '[object KeyObject]';
}

/** The bytes of a byte array as a string of the same length, one character per byte. */
function latin1(bytes) {
  if (typeof globalThis.Buffer === 'function') {
    return globalThis.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096));
  }
  return text;
}

function parse(make) {
  try {
    return make();
  } catch (failure) {
    throw fromFailure(failure);
  }
}

function checkFormat(format) {
  if (format !== undefined && !FORMATS.includes(format)) {
    throw invalidOptions('"keyFormat" must be "pem" or "secret"');
  }
}

/**
 * The cached entry for `key`, made by `make(kind, value)` on a miss, where kind is "bytes" (a
 * string's UTF-8 or a byte array), "keyObject" or "object" (a JWK or JWK Set, as JSON text).
 */
function lookup(key, found, make, missing, notKey) {
  if (typeof key === 'string') {
    if (key === '') throw invalid(missing);
    if (key.length > MAX_KEY_CHARS) throw invalid(notKey);
    return found.text.get(key) ?? found.text.set(key, make('bytes', encoder.encode(key)));
  }
  if (key instanceof Uint8Array) {
    if (key.length === 0) throw invalid(missing);
    if (key.length > MAX_KEY_CHARS) throw invalid(notKey);
    const id = 'b' + latin1(key);
    return found.other.get(id) ?? found.other.set(id, make('bytes', key));
  }
  if (isKeyObject(key)) {
    let entry = found.objects.get(key);
    if (entry === undefined) {
      entry = make('keyObject', key);
      found.objects.set(key, entry);
    }
    return entry;
  }
  if (key !== null && typeof key === 'object' && !Array.isArray(key)) {
    let json;
    try {
      json = JSON.stringify(key);
    } catch {
      throw invalid(notKey);
    }
    if (json.length > MAX_KEY_CHARS) throw invalid(notKey);
    const id = 'j' + json;
    return found.other.get(id) ?? found.other.set(id, make('object', json));
  }
  if (key === undefined || key === null || key === false) throw invalid(missing);
  throw invalid(notKey);
}

function keyObjectJwk(key) {
  return JSON.stringify(key.export({ format: 'jwk' }));
}

/**
 * The verifying key for jsonwebtoken's `secretOrPublicKey`, or a JWK Set object:
 * `{ handle, family }`, family as jwt-core names it ("HMAC", "RSA", ...) or "set". `allowShort` admits HMAC
 * secrets shorter than the hash output.
 */
export function verifyKeyFor(key, allowShort, format) {
  checkFormat(format);
  const found = cachesFor((allowShort ? 'i' : 's') + (format ?? ''));
  return lookup(
    key,
    found,
    (kind, value) => {
      const handle = parse(() => {
        if (kind === 'keyObject') {
          return value.type === 'secret'
            ? VerifyKey.fromSecret(value.export(), allowShort)
            : VerifyKey.fromJwk(keyObjectJwk(value));
        }
        if (kind === 'object') return VerifyKey.fromObject(value);
        if (format === 'pem') return VerifyKey.fromPem(value);
        if (format === 'secret') return VerifyKey.fromSecret(value, allowShort);
        return VerifyKey.fromBytes(value, allowShort);
      });
      return { handle, family: handle.family };
    },
    'secret or public key must be provided',
    'secretOrPublicKey is not valid key material',
  );
}

/** The signing key for jsonwebtoken's `secretOrPrivateKey` and `algorithm`: `{ handle }`. */
export function signKeyFor(key, algorithm, allowShort, format) {
  if (typeof algorithm !== 'string') {
    throw new JsonWebTokenError('"algorithm" must be a valid string enum value', 'InvalidAlgorithm');
  }
  checkFormat(format);
  const found = cachesFor((allowShort ? 'I' : 'S') + (format ?? '') + '\u0001' + algorithm);
  return lookup(
    key,
    found,
    (kind, value) => ({
      handle: parse(() => {
        if (kind === 'keyObject') {
          return value.type === 'secret'
            ? SignKey.fromSecret(algorithm, value.export(), allowShort)
            : SignKey.fromJwk(algorithm, keyObjectJwk(value));
        }
        if (kind === 'object') return SignKey.fromJwk(algorithm, value);
        if (format === 'pem') return SignKey.fromPem(algorithm, value);
        if (format === 'secret') return SignKey.fromSecret(algorithm, value, allowShort);
        return SignKey.fromBytes(algorithm, value, allowShort);
      }),
    }),
    'secretOrPrivateKey must have a value',
    'secretOrPrivateKey is not valid key material',
  );
}
