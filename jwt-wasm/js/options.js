// jsonwebtoken's options, checked for their JavaScript types and handed to the wasm module in
// its terms: verify options become a Policy (jwt-core's Validation, built once per distinct
// options and key family), sign options become the claims and header to sign. Every check of
// a token is jwt-core's, RegExp audiences included (the module calls their `test`).

import { Policy } from './native.js';
import { fromFailure, invalidOptions, JsonWebTokenError } from './errors.js';
import { after, seconds } from './timespan.js';

/**
 * The most the module is handed in one call (a token, a payload, a header): what is larger is
 * refused before it is copied, so that no call can exhaust the module's memory.
 */
export const MAX_INPUT_BYTES = 16 << 20;

/**
 * Distinct policies kept; beyond, the oldest is dropped, marked `freed` and its memory in the
 * module freed at once.
 */
const POLICY_LIMIT = 64;

/** Policies by key family and the options' contents. */
const policies = new Map();
/** Options objects used more than once in a row -> { values, policies: family -> policy }. */
const byObject = new WeakMap();
/** The options object of the last call (a strong reference to one object). */
let lastSeen = null;

/** The option values a policy depends on, spelt out (the fast path reads them by name). */
export function optionsSnapshot(o) {
  return [
    o.algorithms, o.audience, o.issuer, o.subject, o.jwtid, o.nonce, o.clockTolerance, o.maxAge,
    o.clockTimestamp, o.ignoreExpiration, o.ignoreNotBefore, o.typ, o.maxTokenBytes, o.strict,
    o.requiredClaims,
  ].map((value) => (Array.isArray(value) ? value.slice() : value));
}

/** Whether an option's value is what it was (an array: the same members). */
function same(now, then) {
  if (now === then) return true;
  if (!Array.isArray(now) || !Array.isArray(then) || now.length !== then.length) return false;
  for (let i = 0; i < now.length; i++) if (now[i] !== then[i]) return false;
  return true;
}

/** Whether the options object still holds the values of its snapshot. */
export function unchangedOptions(o, v) {
  return (
    same(o.algorithms, v[0]) && same(o.audience, v[1]) && same(o.issuer, v[2]) &&
    o.subject === v[3] && o.jwtid === v[4] && o.nonce === v[5] && o.clockTolerance === v[6] &&
    o.maxAge === v[7] && o.clockTimestamp === v[8] && o.ignoreExpiration === v[9] &&
    o.ignoreNotBefore === v[10] && o.typ === v[11] && o.maxTokenBytes === v[12] &&
    o.strict === v[13] && same(o.requiredClaims, v[14])
  );
}

/**
 * An option's value as text that tells apart every two values that verify differently
 * (strings carry their length, so no value can pass for two), or null for a value of a type
 * no option takes (such options are refused when the policy is built).
 */
function describe(value) {
  switch (typeof value) {
    case 'undefined':
      return '';
    case 'string':
      return value.length + '"' + value;
    case 'number':
      return 'n' + value;
    case 'boolean':
      return value ? 't' : 'f';
    case 'object':
      if (Array.isArray(value)) {
        let text = '[' + value.length;
        for (const item of value) {
          const described = describe(item);
          if (described === null) return null;
          text += ',' + described;
        }
        return text;
      }
      if (value instanceof RegExp) return 'r' + describe(String(value));
      return null;
    default:
      return null;
  }
}

function hasRegExp(audience) {
  return audience instanceof RegExp || (Array.isArray(audience) && audience.some((a) => a instanceof RegExp));
}

/**
 * The options' contents as a cache key: a plain object's JSON (fast, and exact for every type
 * an option takes but RegExp), otherwise the values the policy depends on, described one by
 * one; null if a value is of no type an option takes.
 */
function contents(o, family) {
  if (Object.getPrototypeOf(o) === Object.prototype && !hasRegExp(o.audience)) {
    try {
      return family + JSON.stringify(o);
    } catch {
      // A BigInt or a cycle somewhere: described below (and refused, if an option holds it).
    }
  }
  const parts = optionsSnapshot(o).map(describe);
  return parts.includes(null) ? null : family + '|' + parts.join('|');
}

const NO_OPTIONS = {};
/** The "family" of the policies built for no key (to check a token before its key). */
const NO_KEY = { handle: null, family: '' };

/**
 * The policy for verify `options` and `key` (a verifying key entry, `{ handle, family }`; none
 * to check a token whose key could not be read): `{ handle, limit, expected }`, where `limit`
 * is the token size limit and `expected` what jsonwebtoken quotes in its messages. Policies
 * differ by the key's family only (its algorithms are the default allow-list). An options
 * object used again and again is found by identity; a fresh options literal per call, as
 * jsonwebtoken's callers write, by its contents: neither builds anything.
 */
export function policyFor(options, key = NO_KEY) {
  const { family } = key;
  if (options === undefined || options === null) options = NO_OPTIONS;
  else if (typeof options !== 'object') throw invalidOptions('options must be an object');
  const cached = byObject.get(options);
  if (cached !== undefined && unchangedOptions(options, cached.values)) {
    const policy = cached.policies.get(family);
    if (policy !== undefined && !policy.freed) return policy;
  }
  const policy = byContents(options, key);
  if (options === lastSeen) {
    const entry = cached !== undefined && unchangedOptions(options, cached.values)
      ? cached
      : { values: optionsSnapshot(options), policies: new Map() };
    entry.policies.set(family, policy);
    byObject.set(options, entry);
  }
  lastSeen = options;
  return policy;
}

function byContents(options, key) {
  const id = contents(options, key.family);
  if (id === null) return build(options, key.handle);
  let policy = policies.get(id);
  if (policy === undefined) {
    policy = build(options, key.handle);
    if (policies.size >= POLICY_LIMIT) {
      const oldest = policies.keys().next().value;
      const dropped = policies.get(oldest);
      dropped.freed = true;
      dropped.handle.free();
      policies.delete(oldest);
    }
    policies.set(id, policy);
  }
  return policy;
}

function strings(value, name, regexps) {
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (typeof item !== 'string' && !(regexps && item instanceof RegExp)) {
      throw invalidOptions(`"${name}" must be a string${regexps ? ', a RegExp' : ''} or an array of them`);
    }
  }
  return list;
}

function nonNegative(value, name) {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw invalidOptions(`"${name}" must be a non-negative number of seconds`);
  }
  return Math.floor(value);
}

/** The policy for `options` and the module's key `handle` (null: none). */
function build(options, handle) {
  const settings = {};
  const patterns = [];
  if (options.algorithms !== undefined) {
    settings.algorithms = strings(options.algorithms, 'algorithms', false);
  }
  if (options.audience !== undefined) {
    const audiences = strings(options.audience, 'audience', true);
    settings.audience = audiences.filter((audience) => typeof audience === 'string');
    for (const audience of audiences) {
      // A plain copy: the module calls RegExp.prototype.test, never a subclass's override.
      if (audience instanceof RegExp) patterns.push(new RegExp(audience));
    }
  }
  if (options.issuer !== undefined) settings.issuer = strings(options.issuer, 'issuer', false);
  if (options.subject !== undefined) {
    if (typeof options.subject !== 'string') throw invalidOptions('"subject" must be a string');
    settings.subject = options.subject;
  }
  if (options.jwtid !== undefined) {
    if (typeof options.jwtid !== 'string') throw invalidOptions('"jwtid" must be a string');
    settings.jwtid = options.jwtid;
  }
  if (options.nonce !== undefined) {
    if (typeof options.nonce !== 'string' || options.nonce.trim() === '') {
      throw new JsonWebTokenError('nonce must be a non-empty string', 'InvalidOptions');
    }
    settings.nonce = options.nonce;
  }
  if (options.clockTolerance !== undefined) {
    settings.clockTolerance = nonNegative(options.clockTolerance, 'clockTolerance');
  }
  if (options.maxAge !== undefined) {
    const maxAge = seconds(options.maxAge);
    if (maxAge === undefined || maxAge < 0) {
      throw new JsonWebTokenError(
        '"maxAge" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60',
        'InvalidOptions',
      );
    }
    settings.maxAge = maxAge;
  }
  if (options.clockTimestamp) {
    if (typeof options.clockTimestamp !== 'number') {
      throw new JsonWebTokenError('clockTimestamp must be a number', 'InvalidOptions');
    }
    settings.clockTimestamp = nonNegative(options.clockTimestamp, 'clockTimestamp');
  }
  if (options.ignoreExpiration) settings.ignoreExpiration = true;
  if (options.ignoreNotBefore) settings.ignoreNotBefore = true;
  if (options.typ !== undefined) {
    if (typeof options.typ !== 'string') throw invalidOptions('"typ" must be a string');
    settings.typ = options.typ;
  }
  if (options.strict) settings.strict = true;
  if (options.requiredClaims !== undefined) {
    settings.required = strings(options.requiredClaims, 'requiredClaims', false);
  }
  if (options.maxTokenBytes !== undefined) {
    settings.maxTokenBytes = nonNegative(options.maxTokenBytes, 'maxTokenBytes');
    if (settings.maxTokenBytes > MAX_INPUT_BYTES) {
      throw invalidOptions(`"maxTokenBytes" must be at most ${MAX_INPUT_BYTES}`);
    }
  }
  let policy;
  try {
    const json = JSON.stringify(settings);
    policy = handle === null ? Policy.forAnyKey(json, patterns) : new Policy(json, patterns, handle);
  } catch (failure) {
    throw fromFailure(failure);
  }
  return {
    handle: policy,
    freed: false,
    limit: policy.tokenLimit,
    expected: {
      audience: options.audience,
      issuer: options.issuer,
      subject: options.subject,
      jwtid: options.jwtid,
      nonce: options.nonce,
      maxAge: options.maxAge,
    },
  };
}

const SIGN_OPTIONS = {
  algorithm: 'string',
  expiresIn: 'span',
  notBefore: 'span',
  audience: 'audience',
  issuer: 'string',
  subject: 'string',
  jwtid: 'string',
  keyid: 'string',
  header: 'object',
  noTimestamp: 'boolean',
  mutatePayload: 'boolean',
  allowInsecureKeySizes: 'boolean',
  allowInvalidAsymmetricKeyTypes: 'boolean',
  encoding: 'string',
  keyFormat: 'string',
};

const SIGN_MESSAGES = {
  expiresIn: '"expiresIn" should be a number of seconds or string representing a timespan',
  notBefore: '"notBefore" should be a number of seconds or string representing a timespan',
  audience: '"audience" must be a string or array',
};

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** jsonwebtoken's checks of sign options' types, with its messages. */
export function checkSignOptions(options) {
  if (!isPlainObject(options)) throw invalidOptions('Expected "options" to be a plain object.');
  for (const name of Object.keys(options)) {
    const kind = SIGN_OPTIONS[name];
    if (kind === undefined) throw invalidOptions(`"${name}" is not allowed in "options"`);
    const value = options[name];
    if (value === undefined) continue;
    const valid =
      kind === 'span'
        ? Number.isInteger(value) || (typeof value === 'string' && value !== '')
        : kind === 'audience'
          ? typeof value === 'string' || Array.isArray(value)
          : kind === 'object'
            ? isPlainObject(value)
            : typeof value === kind;
    if (!valid) throw invalidOptions(SIGN_MESSAGES[name] ?? `"${name}" must be a ${kind}`);
  }
}

const OBJECT_ONLY = ['expiresIn', 'notBefore', 'noTimestamp', 'audience', 'issuer', 'subject', 'jwtid'];
const TO_CLAIM = { audience: 'aud', issuer: 'iss', subject: 'sub', jwtid: 'jti' };

/**
 * The claims to sign for an object `payload` under jsonwebtoken's sign options (a copy, unless
 * `mutatePayload`): `iat`, `exp`, `nbf`, `aud`, `iss`, `sub` and `jti` from the options. jwt-core
 * checks the registered claims' types when it signs.
 */
export function claimsFor(payload, options) {
  for (const claim of ['iat', 'exp', 'nbf']) {
    if (payload[claim] !== undefined && typeof payload[claim] !== 'number') {
      throw new JsonWebTokenError(`"${claim}" should be a number of seconds`, 'InvalidClaims');
    }
  }
  if (payload.exp !== undefined && options.expiresIn !== undefined) {
    throw invalidOptions('Bad "options.expiresIn" option the payload already has an "exp" property.');
  }
  if (payload.nbf !== undefined && options.notBefore !== undefined) {
    throw invalidOptions('Bad "options.notBefore" option the payload already has an "nbf" property.');
  }
  const claims = options.mutatePayload ? payload : Object.assign({}, payload);
  const timestamp = claims.iat || Math.floor(Date.now() / 1000);
  if (options.noTimestamp) delete claims.iat;
  else claims.iat = timestamp;
  if (options.notBefore !== undefined) {
    claims.nbf = after(options.notBefore, timestamp);
    if (claims.nbf === undefined) {
      throw invalidOptions('"notBefore" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60');
    }
  }
  if (options.expiresIn !== undefined) {
    claims.exp = after(options.expiresIn, timestamp);
    if (claims.exp === undefined) {
      throw invalidOptions('"expiresIn" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60');
    }
  }
  for (const [option, claim] of Object.entries(TO_CLAIM)) {
    if (options[option] === undefined) continue;
    if (claims[claim] !== undefined) {
      throw invalidOptions(`Bad "options.${option}" option. The payload already has an "${claim}" property.`);
    }
    claims[claim] = options[option];
  }
  return claims;
}

/** Refuses the options that only make sense for object payloads (jsonwebtoken's message). */
export function checkRawPayloadOptions(payload, options) {
  const misplaced = OBJECT_ONLY.filter((name) => options[name] !== undefined);
  if (misplaced.length > 0) {
    throw invalidOptions(`invalid ${misplaced.join(',')} option for ${typeof payload} payload`);
  }
}

/** The header members beyond `alg` as JSON text for the module: `keyid`, then `header`. */
export function headerFor(options, typ) {
  if (options.keyid === undefined && options.header === undefined && typ) return '';
  const members = { typ: typ ? 'JWT' : undefined, kid: options.keyid, ...options.header };
  let json;
  try {
    json = JSON.stringify(members);
  } catch (error) {
    throw new JsonWebTokenError(`the header cannot be serialized as JSON: ${error.message}`, 'InvalidHeader', error);
  }
  if (json.length > MAX_INPUT_BYTES) {
    throw new JsonWebTokenError(`the header is longer than ${MAX_INPUT_BYTES} bytes`, 'InvalidHeader');
  }
  return json;
}
