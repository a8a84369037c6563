// The entry for Node (bundled to CommonJS; `import` goes through index.mjs to the same
// instance): the module is compiled synchronously from the file beside the bundle.
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from './native.js';
import { useMemory } from './exchange.js';

// Key generation reads globalThis.crypto.getRandomValues, which Node has only from 19 on.
globalThis.crypto ??= webcrypto;

useMemory(
  initSync({ module: readFileSync(join(__dirname, '..', 'jwt_wasm_bg.wasm')) }).memory,
);

export * from './api.js';
export { default } from './api.js';
