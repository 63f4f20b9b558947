#!/usr/bin/env node
/* global process, console */
// Prints the size of each file the client build wrote to dist/client (raw and gzip),
// so `npm run build` shows what a browser downloads and that the editor is a separate chunk.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = path.resolve(process.argv[2] ?? 'dist/client');
if (!fs.existsSync(dir)) {
  console.error(`bundle-size: ${dir} does not exist; run the client build first.`);
  process.exit(1);
}

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const rows = walk(dir)
  .filter((f) => /\.(js|css|html)$/.test(f))
  .map((f) => {
    const buf = fs.readFileSync(f);
    return { file: path.relative(dir, f), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  })
  .sort((a, b) => b.raw - a.raw);

// The entry chunk is the script index.html loads; everything else is loaded on demand.
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const entry = new Set([...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]));

const width = Math.max(...rows.map((r) => r.file.length), 10);
console.log('\nClient bundle (dist/client):');
console.log(`  ${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}  loaded`);
for (const r of rows) {
  const when = r.file === 'index.html' || entry.has(r.file) ? 'at start' : 'on demand';
  console.log(`  ${r.file.padEnd(width)}  ${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(10)}  ${when}`);
}
const sum = (pred) => rows.filter(pred).reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
const start = sum((r) => r.file === 'index.html' || entry.has(r.file));
const all = sum(() => true);
console.log(`  ${'first load'.padEnd(width)}  ${kb(start.raw).padStart(10)}  ${kb(start.gzip).padStart(10)}`);
console.log(`  ${'total'.padEnd(width)}  ${kb(all.raw).padStart(10)}  ${kb(all.gzip).padStart(10)}\n`);
