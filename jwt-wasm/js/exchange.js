// Plain verification through the module's exchange buffer (src/exchange.rs): the token's
// UTF-8 is written straight into the module's memory and the verified claims' JSON text read
// straight out of it, so the call into the module carries numbers only. In Node, Buffer's
// UTF-8 codec does both copies; elsewhere TextEncoder and TextDecoder.

import { exchange, takeFailure, verifyExchange, verifyExchangeWithRing } from './native.js';

const NodeBuffer = typeof globalThis.Buffer === 'function' ? globalThis.Buffer : null;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

let memory = null;
let view = null;
let base = 0;
let capacity = 0;

/** The module's memory (from the entry that instantiated it). */
export function useMemory(wasmMemory) {
  memory = wasmMemory;
  view = null;
}

/** A view of the module's memory; a new one once the memory has grown (the old detaches). */
function bytes() {
  if (view === null || view.byteLength === 0) {
    view = NodeBuffer === null ? new Uint8Array(memory.buffer) : NodeBuffer.from(memory.buffer);
  }
  return view;
}

/** The claims' JSON text of `token` verified by `run(tokenLength, key, policy)` (a module call). */
function through(token, run, key, policy) {
  // A character is at most three bytes of UTF-8, and the claims are shorter than the token.
  const room = token.length * 3;
  if (2 * room > capacity) {
    capacity = Math.max(2 * room, 2 * capacity, 4096);
    base = exchange(capacity);
    view = null;
  }
  let memoryBytes = bytes();
  const length =
    NodeBuffer === null
      ? encoder.encodeInto(token, memoryBytes.subarray(base, base + room)).written
      : memoryBytes.utf8Write(token, base, room);
  const claims = run(length, key, policy);
  if (claims < 0) throw takeFailure();
  memoryBytes = bytes();
  const start = base + length;
  return NodeBuffer === null
    ? decoder.decode(memoryBytes.subarray(start, start + claims))
    : memoryBytes.utf8Slice(start, start + claims);
}

/** The claims' JSON text of `token`, verified with `key` under `policy` (module handles). */
export function verifyText(token, key, policy) {
  return through(token, verifyExchange, key, policy);
}

/** The claims' JSON text of `token`, verified with the key `ring` under `policy`. */
export function verifyTextWithRing(token, ring, policy) {
  return through(token, verifyExchangeWithRing, ring, policy);
}
