// A TypeScript consumer (tests/typescript/, through `import` and `require`) type-checks against
// the built package's declarations with `tsc --noEmit`; its `@ts-expect-error` lines prove the
// declarations are precise enough to refuse misuse.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

test('tsc --noEmit accepts the consumer', () => {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'tests/typescript'], { cwd: root, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
  }
});
