import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * `npm run bench:peers -- --quick` end to end: the hub from dist/server (built by `npm run
 * build`), Hocuspocus and the y-websocket reference server, each driven by the generator. A
 * smoke run of the instrument, not a measurement: every server must deliver and lose nothing.
 */

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

function runQuick(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // --quick: 1 s warm-up, 2 s measured, 2 docs × 2 clients, on SQLite and in memory.
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/peers/run.ts', '--quick'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the peer benchmark', () => {
  it('--quick prints a row per server with updates delivered and none missing', { timeout: 90_000 }, async () => {
    const { code, output } = await runQuick();
    expect(code, output).toBe(0);
    const header = output.split('\n').find((l) => l.startsWith('| server |'));
    expect(header, output).toBeDefined();
    const columns = header!.split('|').map((c) => c.trim());
    const rows = output
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| server |') && l.split('|')[2]?.trim() === 'quick')
      .map((l) => Object.fromEntries(l.split('|').map((c, i) => [columns[i], c.trim()])));
    expect(rows.map((r) => r.server)).toEqual(['Överens (SQLite)', 'Hocuspocus 3.4 + SQLite', 'y-websocket 1.5 (memory)']);
    for (const r of rows) {
      expect(Number(r['delivered/s']), r.server).toBeGreaterThan(0);
      expect(r.missing, r.server).toBe('0');
      expect(Number(r['p99 ms']), r.server).toBeGreaterThan(0);
      expect(Number(r['server CPU s']), r.server).toBeGreaterThanOrEqual(0);
      expect(Number(r['peak RSS MiB']), r.server).toBeGreaterThan(0);
    }
    expect(output).toContain('nothing missing');
  });
});
