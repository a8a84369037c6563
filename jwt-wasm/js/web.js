// The entry for browsers, edge runtimes and bundlers (an ES module): the module is fetched
// and compiled before the first export is used (top-level await).
import init from './native.js';
import { useMemory } from './exchange.js';

useMemory(
  (await init({ module_or_path: new URL('../jwt_wasm_bg.wasm', import.meta.url) })).memory,
);

export * from './api.js';
export { default } from './api.js';
