// jsonwebtoken 9's API (sign, verify, decode and its errors) on jwt-core, plus what jsonwebtoken
// lacks: EdDSA, verification against a JWK Set by `kid`, and a key ring that publishes its
// JWK Set. Every check of a token or key is the wasm module's; this file converts arguments
// and results and keeps jsonwebtoken's calling conventions (callbacks, key functions).

import * as native from './native.js';
import {
  fromFailure, invalidOptions, malformed, JsonWebTokenError, NotBeforeError, TokenExpiredError,
} from './errors.js';
import { verifyClaims, verifyClaimsWithRing } from './exchange.js';
import { isKeyObject, signKeyFor, verifyKeyFor } from './keys.js';
import {
  checkRawPayloadOptions, checkSignOptions, claimsFor, headerFor, MAX_INPUT_BYTES, optionsSnapshot,
  policyFor, unchangedOptions,
} from './options.js';

export { JsonWebTokenError, NotBeforeError, TokenExpiredError };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A token as the module may see it: at most one character past `limit`, so that a token
 * longer than the limit is refused by the module (as too large) without being copied whole.
 */
function bounded(token, limit) {
  if (typeof token !== 'string') {
    throw token ? malformed('jwt must be a string') : malformed('jwt must be provided');
  }
  if (token === '') throw malformed('jwt must be provided');
  return token.length > limit ? token.slice(0, limit + 1) : token;
}

function call(fn, expected) {
  try {
    return fn();
  } catch (failure) {
    throw fromFailure(failure, expected);
  }
}

/**
 * The verifying key, parsed (once). A key that cannot be used is reported after the token's
 * own problems, in jwt-core's order of checks: the module checks the token first.
 */
function usableKey(token, key, options) {
  try {
    return verifyKeyFor(key, options?.allowInsecureKeySizes === true, options?.keyFormat);
  } catch (keyError) {
    if (Array.isArray(options?.algorithms)) {
      const policy = policyFor(options);
      const text = bounded(token, policy.limit);
      call(() => native.checkToken(text, policy.handle), policy.expected);
    }
    throw keyError;
  }
}

/**
 * The last verification's key and options, with the key entry and policy they gave: a server
 * verifying every request with one secret and one options object finds both here without a
 * lookup. Kept only for a key whose identity is its contents (a string or a KeyObject, both
 * immutable; a Buffer or JWK object may be changed in place), and reused only for the very same
 * options object still holding the same values, while neither entry has been freed.
 */
let last = null;

function isSameCall(key, options) {
  return (
    last !== null && last.key === key && last.options === options &&
    !last.entry.freed && !last.policy.freed &&
    (options === undefined || options === null || (
      last.values !== null && unchangedOptions(options, last.values) &&
      options.allowInsecureKeySizes === last.allowShort && options.keyFormat === last.format
    ))
  );
}

/**
 * The verifying key entry and the policy for a call of `verify`. The options' values are
 * snapshotted only when an options object comes a second time in a row, so that a fresh
 * options literal per call (as jsonwebtoken's callers mostly write) costs no snapshot.
 */
function keyAndPolicy(token, key, options) {
  if (isSameCall(key, options)) return last;
  const entry = usableKey(token, key, options);
  const policy = policyFor(options, entry);
  const again = last !== null && last.key === key && last.options === options;
  const found = {
    key, options, entry, policy,
    values: again && options !== undefined && options !== null ? optionsSnapshot(options) : null,
    allowShort: options?.allowInsecureKeySizes,
    format: options?.keyFormat,
  };
  last = typeof key === 'string' || isKeyObject(key) ? found : null;
  return found;
}

/** The verified token, synchronously: the claims, or `{header, payload, signature}`. */
function verified(token, key, options) {
  const { entry, policy } = keyAndPolicy(token, key, options);
  const text = bounded(token, policy.limit);
  if (options?.complete === true) {
    return parsed(call(() => native.verifyComplete(text, entry.handle, policy.handle), policy.expected));
  }
  try {
    return verifyClaims(text, entry.handle, policy.handle);
  } catch (failure) {
    throw fromFailure(failure, policy.expected);
  }
}

/** jsonwebtoken's `{header, payload, signature}` from the module's Parts (freed). */
function parsed(parts) {
  try {
    return {
      header: JSON.parse(parts.header),
      payload: JSON.parse(decoder.decode(parts.payload)),
      signature: parts.signature,
    };
  } finally {
    parts.free();
  }
}

function settle(callback, compute) {
  let result;
  try {
    result = compute();
  } catch (error) {
    return callback(error);
  }
  return callback(null, result);
}

/**
 * jsonwebtoken's `verify(token, secretOrPublicKey, [options, callback])`. The key may also be
 * a JWK, a JWK Set (the token's `kid` picks the member) or a function `(header, callback)` as in
 * jsonwebtoken (then a callback is required).
 */
export function verify(token, key, options, callback) {
  if (typeof options === 'function' && callback === undefined) {
    callback = options;
    options = undefined;
  }
  if (typeof key === 'function') {
    if (typeof callback !== 'function') {
      throw new JsonWebTokenError(
        'verify must be called asynchronous if secret or public key is provided as a callback',
        'InvalidOptions',
      );
    }
    let header;
    try {
      header = decodeHeader(token);
    } catch (error) {
      return callback(error);
    }
    return key(header, (error, resolved) => {
      if (error) {
        return callback(new JsonWebTokenError(
          `error in secret or public key callback: ${error.message}`, 'InvalidKey', error,
        ));
      }
      return settle(callback, () => verified(token, resolved, options));
    });
  }
  if (typeof callback === 'function') return settle(callback, () => verified(token, key, options));
  return verified(token, key, options);
}

/** The header of a token, unverified (what a key function receives). */
function decodeHeader(token) {
  const text = bounded(token, native.defaultTokenLimit());
  return JSON.parse(call(() => native.decodeHeader(text)));
}

/**
 * jsonwebtoken's `decode(token, {complete, json})`: the claims (or `{header, payload,
 * signature}`) **without verifying anything**; `null` for anything that is not a JWT.
 */
export function decode(token, options = {}) {
  if (typeof token !== 'string' || token === '') return null;
  const text = bounded(token, native.defaultTokenLimit());
  let parts;
  try {
    parts = native.decodeUnverified(text);
  } catch (failure) {
    const error = fromFailure(failure);
    if (error instanceof JsonWebTokenError) return null;
    throw error;
  }
  const result = parsed(parts);
  return options?.complete ? result : result.payload;
}

function isObjectPayload(payload) {
  return typeof payload === 'object' && payload !== null && !(payload instanceof Uint8Array);
}

function payloadBytes(payload, encoding) {
  if (payload instanceof Uint8Array) return payload;
  if (typeof globalThis.Buffer === 'function') return globalThis.Buffer.from(String(payload), encoding);
  if (encoding !== 'utf8' && encoding !== 'utf-8') {
    throw invalidOptions(`"encoding" ${encoding} needs Node's Buffer`);
  }
  return encoder.encode(String(payload));
}

/** JSON text of `value`, or the error jsonwebtoken's callers can catch (cycles, BigInts). */
function serialized(value, what, code) {
  let json;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new JsonWebTokenError(`the ${what} cannot be serialized as JSON: ${error.message}`, code, error);
  }
  return sized(json, what, code);
}

/** `input` (text or bytes for the module), refused if longer than the module takes. */
function sized(input, what, code) {
  if (input.length > MAX_INPUT_BYTES) {
    throw new JsonWebTokenError(`the ${what} is longer than ${MAX_INPUT_BYTES} bytes`, code);
  }
  return input;
}

/** A token for `payload` signed with the module handle `signer` by `signJson`/`signBytes`. */
function signed(payload, options, signJson, signBytes) {
  if (payload === undefined) throw invalidOptions('payload is required');
  if (isObjectPayload(payload)) {
    const claims = claimsFor(payload, options);
    const header = headerFor(options, true);
    const json = serialized(claims, 'payload', 'InvalidClaims');
    return call(() => signJson(header, json));
  }
  checkRawPayloadOptions(payload, options);
  const bytes = sized(payloadBytes(payload, options.encoding ?? 'utf8'), 'payload', 'InvalidClaims');
  return call(() => signBytes(headerFor(options, false), bytes));
}

function signNow(payload, key, options) {
  checkSignOptions(options);
  const algorithm = options.algorithm ?? 'HS256';
  const { handle } = signKeyFor(key, algorithm, options.allowInsecureKeySizes === true, options.keyFormat);
  return signed(
    payload,
    options,
    (header, claims) => native.sign(handle, header, claims),
    (header, bytes) => native.signBytes(handle, header, bytes),
  );
}

/**
 * jsonwebtoken's `sign(payload, secretOrPrivateKey, [options, callback])`. With a callback the
 * token (or error) is delivered asynchronously, as jsonwebtoken does.
 */
export function sign(payload, key, options, callback) {
  if (typeof options === 'function' && callback === undefined) {
    callback = options;
    options = undefined;
  }
  options ??= {};
  if (typeof callback !== 'function') return signNow(payload, key, options);
  let token;
  try {
    token = signNow(payload, key, options);
  } catch (error) {
    queueMicrotask(() => callback(error));
    return undefined;
  }
  queueMicrotask(() => callback(null, token));
  return undefined;
}

/**
 * A new random key for `algorithm` (an HMAC secret as long as the hash output, a 2048-bit RSA
 * key, or an Ed25519 key) from `crypto.getRandomValues`, named by its RFC 7638 thumbprint:
 * `{ privateKey, publicKey }` as JWKs (`publicKey` is undefined for an HMAC secret, which has
 * no public form). Keep `privateKey` secret; sign with it (or give it to a KeyRing).
 */
export function generateKey(algorithm) {
  if (typeof algorithm !== 'string') {
    throw new JsonWebTokenError('"algorithm" must be a valid string enum value', 'InvalidAlgorithm');
  }
  const key = call(() => native.SignKey.generate(algorithm));
  try {
    const publicKey = call(() => key.toPublicJwk());
    return {
      privateKey: JSON.parse(call(() => key.toPrivateJwk())),
      publicKey: publicKey === undefined ? undefined : JSON.parse(publicKey),
    };
  } finally {
    key.free();
  }
}

/**
 * jwt-core's key ring: signs with the current key, verifies tokens of every key not yet
 * retired (by `kid`), and publishes the public keys as a JWK Set for
 * `/.well-known/jwks.json`. Keys are given as `sign` takes them, with their `algorithm`.
 */
export class KeyRing {
  #ring;

  constructor(privateKey, { algorithm, kid, allowInsecureKeySizes, keyFormat } = {}) {
    const { key, owned } = ringKey(privateKey, algorithm, kid, allowInsecureKeySizes, keyFormat);
    try {
      this.#ring = call(() => new native.KeyRing(key));
    } finally {
      if (owned) key.free();
    }
  }

  /** Makes this key the signing key; the previous one keeps verifying until retired. */
  rotate(privateKey, { algorithm, kid, allowInsecureKeySizes, keyFormat } = {}) {
    const { key, owned } = ringKey(privateKey, algorithm, kid, allowInsecureKeySizes, keyFormat);
    try {
      call(() => this.#ring.rotate(key));
    } finally {
      if (owned) key.free();
    }
  }

  /** Stops accepting tokens signed by the key `kid`. */
  retire(kid) {
    if (typeof kid !== 'string') throw invalidOptions('"kid" must be a string');
    call(() => this.#ring.retire(kid));
  }

  /** The `kid` of the current signing key. */
  get currentKid() {
    return this.#ring.currentKid;
  }

  /** The public JWK Set of the keys that verify (HMAC secrets are never published). */
  jwks() {
    return JSON.parse(this.#ring.jwks());
  }

  /** `sign` with the current key; the header names its `kid`. */
  sign(payload, options = {}) {
    checkSignOptions(options);
    const ring = this.#ring;
    return signed(
      payload,
      options,
      (header, claims) => native.signWithRing(ring, header, claims),
      () => {
        throw invalidOptions('a key ring signs object payloads only');
      },
    );
  }

  /** `verify` against the ring's keys; `options.algorithms` is required. */
  verify(token, options) {
    if (options?.algorithms === undefined) {
      throw invalidOptions('"algorithms" is required to verify with a key ring');
    }
    const policy = policyFor(options);
    const text = bounded(token, policy.limit);
    const ring = this.#ring;
    return call(() => verifyClaimsWithRing(text, ring, policy.handle), policy.expected);
  }
}

/** The signing key for a ring: the cached key itself, or a copy named `kid` (owned). */
function ringKey(privateKey, algorithm, kid, allowShort, format) {
  if (typeof algorithm !== 'string') throw invalidOptions('"algorithm" must be a string');
  const { handle } = signKeyFor(privateKey, algorithm, allowShort === true, format);
  if (kid === undefined) return { key: handle, owned: false };
  if (typeof kid !== 'string') throw invalidOptions('"kid" must be a string');
  return { key: handle.withKid(kid), owned: true };
}

export default {
  sign, verify, decode, generateKey, KeyRing, JsonWebTokenError, TokenExpiredError, NotBeforeError,
};
