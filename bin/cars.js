#!/usr/bin/env node
// Runs the CLI on the Node pinned in devDependencies when the machine's own Node is too old.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const entry = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
let nodePath = process.execPath;
if (major < 24) {
  try {
    nodePath = createRequire(import.meta.url).resolve('node/bin/node');
  } catch {
    console.error(`error: Node ${process.versions.node} is too old and the pinned Node is missing (run npm ci)`);
    process.exit(1);
  }
}
const result = spawnSync(nodePath, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
