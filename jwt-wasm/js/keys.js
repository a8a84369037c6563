// Keys as callers pass them (strings, Buffers, Uint8Arrays, JWK and JWK Set objects, Node
// KeyObjects) turned into jwt-core keys, parsed once: a string, byte array or JWK is looked up
// by its contents in a bounded cache, a KeyObject (immutable) by identity. Which text is PEM and
// which a secret, and whether a key is acceptable, is decided by the wasm module (jwt-core).

import { SignKey, VerifyKey } from './native.js';
import { fromFailure, JsonWebTokenError } from './errors.js';

/** Keys kept per cache; the oldest is dropped (and its memory in the module freed) beyond. */
const CACHE_LIMIT = 64;

/** A bounded map whose dropped entries free their module handles. */
class Cache {
  #map = new Map();

  get(key) {
    return this.#map.get(key);
  }

  set(key, entry) {
    if (this.#map.size >= CACHE_LIMIT) {
      const [oldest, dropped] = this.#map.entries().next().value;
      this.#map.delete(oldest);
      dropped.handle.free();
    }
    this.#map.set(key, entry);
    return entry;
  }

  clear() {
    for (const entry of this.#map.values()) entry.handle.free();
    this.#map.clear();
  }
}

const verifyKeys = new Cache();
const signKeys = new Cache();
/** KeyObject -> (cache key -> entry); entries die with their KeyObject. */
const keyObjects = new WeakMap();
const encoder = new TextEncoder();

/** Drops every cached key (for tests that count the module's memory). */
export function clearKeyCaches() {
  verifyKeys.clear();
  signKeys.clear();
}

function invalid(message) {
  return new JsonWebTokenError(message, 'InvalidKey');
}

function isKeyObject(key) {
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

/** A verifying key: the module's handle and its family ("HMAC", "RSA", "Ed25519" or "set"). */
function verifying(make) {
  const handle = parse(make);
  return { handle, family: handle.family };
}

/** A signing key: the module's handle. */
function signing(make) {
  return { handle: parse(make) };
}

/**
 * The verifying key for jsonwebtoken's `secretOrPublicKey`, or a JWK Set object.
 * `allowShort` admits HMAC secrets shorter than the hash output.
 */
export function verifyKeyFor(key, allowShort) {
  const flag = allowShort ? 'i' : 's';
  if (typeof key === 'string') {
    if (key === '') throw invalid('secret or public key must be provided');
    const id = flag + key;
    return (
      verifyKeys.get(id) ??
      verifyKeys.set(id, verifying(() => VerifyKey.fromSecretOrPem(encoder.encode(key), allowShort)))
    );
  }
  if (key instanceof Uint8Array) {
    if (key.length === 0) throw invalid('secret or public key must be provided');
    const id = 'b' + flag + latin1(key);
    return (
      verifyKeys.get(id) ?? verifyKeys.set(id, verifying(() => VerifyKey.fromSecretOrPem(key, allowShort)))
    );
  }
  if (isKeyObject(key)) {
    return byKeyObject(key, flag, verifying, () =>
      key.type === 'secret'
        ? VerifyKey.fromSecret(key.export(), allowShort)
        : VerifyKey.fromJwk(JSON.stringify(key.export({ format: 'jwk' }))),
    );
  }
  if (key !== null && typeof key === 'object' && !Array.isArray(key)) {
    const json = JSON.stringify(key);
    const set = Array.isArray(key.keys);
    const id = (set ? 'S' : 'J') + json;
    return (
      verifyKeys.get(id) ??
      verifyKeys.set(id, verifying(() => (set ? VerifyKey.fromJwks(json) : VerifyKey.fromJwk(json))))
    );
  }
  if (key === undefined || key === null || key === false) {
    throw invalid('secret or public key must be provided');
  }
  throw invalid('secretOrPublicKey is not valid key material');
}

/** The signing key for jsonwebtoken's `secretOrPrivateKey` and `algorithm`. */
export function signKeyFor(key, algorithm, allowShort) {
  const flag = (allowShort ? 'i' : 's') + algorithm + '\0';
  if (typeof key === 'string') {
    if (key === '') throw invalid('secretOrPrivateKey must have a value');
    const id = flag + key;
    return (
      signKeys.get(id) ??
      signKeys.set(
        id,
        signing(() => SignKey.fromSecretOrPem(algorithm, encoder.encode(key), allowShort)),
      )
    );
  }
  if (key instanceof Uint8Array) {
    if (key.length === 0) throw invalid('secretOrPrivateKey must have a value');
    const id = 'b' + flag + latin1(key);
    return (
      signKeys.get(id) ??
      signKeys.set(id, signing(() => SignKey.fromSecretOrPem(algorithm, key, allowShort)))
    );
  }
  if (isKeyObject(key)) {
    return byKeyObject(key, flag, signing, () =>
      key.type === 'secret'
        ? SignKey.fromSecret(algorithm, key.export(), allowShort)
        : SignKey.fromJwk(algorithm, JSON.stringify(key.export({ format: 'jwk' }))),
    );
  }
  if (key !== null && typeof key === 'object' && !Array.isArray(key)) {
    const json = JSON.stringify(key);
    const id = 'J' + flag + json;
    return signKeys.get(id) ?? signKeys.set(id, signing(() => SignKey.fromJwk(algorithm, json)));
  }
  if (key === undefined || key === null || key === false) {
    throw invalid('secretOrPrivateKey must have a value');
  }
  throw invalid('secretOrPrivateKey is not valid key material');
}

function byKeyObject(key, id, wrap, make) {
  let entries = keyObjects.get(key);
  if (entries === undefined) {
    entries = new Map();
    keyObjects.set(key, entries);
  }
  let found = entries.get(id);
  if (found === undefined) {
    found = wrap(make);
    entries.set(id, found);
  }
  return found;
}
