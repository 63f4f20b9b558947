#!/usr/bin/env node
/* global console, performance */
// Compiles the server (with shared/ and migrations/) once into dist/server/main.js, so `npm start`
// runs plain JavaScript instead of compiling TypeScript at every start. Dependencies stay in
// node_modules (packages: 'external'): native better-sqlite3 cannot be bundled, and the rest
// loads the same either way.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'server');

const started = performance.now();
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'server', 'main.ts')],
  outdir,
  // Split: what the server loads on demand (the PDF and DOCX writers) stays out of memory until used.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});

// server/example/workspace.ts reads its source texts next to its own module at run time;
// in the bundle that module is dist/server/main.js.
const texts = path.join(root, 'server', 'example', 'texts');
fs.cpSync(texts, path.join(outdir, 'texts'), { recursive: true });

const bytes = fs.statSync(path.join(outdir, 'main.js')).size;
console.log(`dist/server/main.js ${(bytes / 1024).toFixed(1)} kB, built in ${Math.round(performance.now() - started)} ms`);
