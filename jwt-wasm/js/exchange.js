// Plain verification through the module's exchange buffer (src/exchange.rs): the token's
// UTF-8 is written straight into the module's memory, the call into the module carries numbers
// only, and the verified claims come back as a plan (src/plan.rs) that their object is built
// from: every string and member name in one text, decoded with one call and cut into strings,
// with records saying where each value goes. In Node, Buffer's codecs do the copies; elsewhere
// TextEncoder and TextDecoder.

import { exchange, takeFailure, verifyExchange, verifyExchangeWithRing } from './native.js';

const NodeBuffer = typeof globalThis.Buffer === 'function' ? globalThis.Buffer : null;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The plan's record kinds (src/plan.rs).
const NAME = 1;
const STRING = 2;
const NUMBER = 3;
const TRUE = 4;
const FALSE = 5;
const NULL = 6;
const ARRAY = 7;
const OBJECT = 8;

let memory = null;
let bytes = null;
let words = null;
let floats = null;
let base = 0;
let capacity = 0;

/** The module's memory (from the entry that instantiated it). */
export function useMemory(wasmMemory) {
  memory = wasmMemory;
  bytes = null;
}

/** Views of the module's memory; new ones once the memory has grown (the old detach). */
function views() {
  if (bytes === null || bytes.byteLength === 0) {
    bytes = NodeBuffer === null ? new Uint8Array(memory.buffer) : NodeBuffer.from(memory.buffer);
    words = new Int32Array(memory.buffer);
    floats = new Float64Array(memory.buffer);
  }
}

// Member names by the number the module gives them, and whether each must be defined rather
// than assigned (`__proto__`, or a name the object prototype has, as with a frozen prototype).
const names = [];
const defined = [];

// While a plan is read: its text and the index (in words) of the next record.
let text = '';
let next = 0;

/** The claims object of `token` verified by `run(tokenLength, key, policy)` (a module call). */
function through(token, run, key, policy) {
  // A character is at most three bytes of UTF-8; the plan's location follows, aligned.
  const room = token.length * 3;
  if (room + 32 > capacity) {
    capacity = Math.max(room + 32, 2 * capacity, 4096);
    base = exchange(capacity);
    bytes = null;
  }
  views();
  const length =
    NodeBuffer === null
      ? encoder.encodeInto(token, bytes.subarray(base, base + room)).written
      : bytes.utf8Write(token, base, room);
  if (run(length, key, policy) < 0) throw takeFailure();
  views();
  const at = ((base + length + 7) & ~7) >> 2;
  const start = words[at + 1] >>> 0;
  const end = start + (words[at + 2] >>> 0);
  if (NodeBuffer === null) text = decoder.decode(bytes.subarray(start, end));
  else text = words[at + 3] === 1 ? bytes.latin1Slice(start, end) : bytes.utf8Slice(start, end);
  next = (words[at] >>> 0) >> 2;
  const claims = value();
  text = '';
  return claims;
}

/** The text the record at `record` spans. */
function span(record) {
  const start = words[record + 2];
  return text.substring(start, start + words[record + 3]);
}

/** Reads the value whose record is next. */
function value() {
  const record = next;
  next += 4;
  switch (words[record]) {
    case STRING:
      return span(record);
    case NUMBER:
      return floats[(record >> 1) + 1];
    case TRUE:
      return true;
    case FALSE:
      return false;
    case NULL:
      return null;
    case ARRAY: {
      const count = words[record + 1];
      const array = [];
      for (let i = 0; i < count; i++) array.push(value());
      return array;
    }
    case OBJECT: {
      const count = words[record + 1];
      const object = {};
      for (let i = 0; i < count; i++) member(object);
      return object;
    }
    default:
      throw unreadable(record);
  }
}

/** Reads the next member (its name's record, then its value) into `object`. */
function member(object) {
  const record = next;
  next += 4;
  if (words[record] !== NAME) throw unreadable(record);
  const id = words[record + 1];
  let name = id >= 0 ? names[id] : undefined;
  let define;
  if (name === undefined) {
    name = span(record);
    define = name in Object.prototype;
    if (id >= 0) {
      names[id] = name;
      defined[id] = define;
    }
  } else {
    define = defined[id];
  }
  const content = value();
  // As JSON.parse makes members: own data properties, whatever the prototype holds.
  if (define) {
    Object.defineProperty(object, name, {
      value: content,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    object[name] = content;
  }
}

/** The error for a record that is not where the plan's layout puts one of its kind. */
function unreadable(record) {
  return new Error(`jwt-wasm: unreadable claims plan (record kind ${words[record]})`);
}

/** The claims of `token`, verified with `key` under `policy` (module handles). */
export function verifyClaims(token, key, policy) {
  return through(token, verifyExchange, key, policy);
}

/** The claims of `token`, verified with the key `ring` under `policy`. */
export function verifyClaimsWithRing(token, ring, policy) {
  return through(token, verifyExchangeWithRing, ring, policy);
}
