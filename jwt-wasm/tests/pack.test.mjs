// `npm pack` of the built package installs into an empty project and works there, through
// `require` and `import`, with nothing but the packed files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../pkg', import.meta.url));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

test('the packed package installs into an empty project and works there', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-wasm-pack-'));
  try {
    const packed = JSON.parse(npm(['pack', pkg, '--json', '--pack-destination', dir], dir))[0];
    const files = packed.files.map((file) => file.path).sort();
    assert.deepEqual(files, [
      'README.md', 'index.d.mts', 'index.d.ts', 'jwt_wasm_bg.wasm', 'node/index.cjs', 'node/index.mjs',
      'package.json', 'web/index.js', 'web/package.json',
    ]);
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name": "consumer", "version": "1.0.0", "private": true}\n');
    npm(['install', '--no-audit', '--no-fund', '--offline', join(dir, packed.filename)], project);
    assert.ok(readdirSync(join(project, 'node_modules')).includes('jwt-wasm'));
    const script = (source) => execFileSync(process.execPath, ['--input-type=' + source.type, '-e', source.code], { cwd: project, encoding: 'utf8' }).trim();
    const secret = 'a secret of at least 32 random bytes, never a password';
    assert.equal(script({
      type: 'commonjs',
      code: `const jwt = require('jwt-wasm'); console.log(jwt.verify(jwt.sign({ a: 1 }, '${secret}', { expiresIn: 60 }), '${secret}').a)`,
    }), '1');
    assert.equal(script({
      type: 'module',
      code: `import { sign, verify, TokenExpiredError } from 'jwt-wasm'; try { verify(sign({ exp: 1 }, '${secret}'), '${secret}') } catch (e) { console.log(e instanceof TokenExpiredError, e.code) }`,
    }), 'true Expired');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
