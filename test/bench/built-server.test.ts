import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * `npm start` runs the server compiled by `npm run build` (dist/server/main.js), not TypeScript
 * under tsx. The bundle must do everything main.ts does from its own folder: migrate, answer,
 * serve the built client, read the example workspace's texts, and print its start-up time.
 */

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const bundle = path.join(repoRoot, 'dist', 'server', 'main.js');

describe('the built server (dist/server/main.js)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-built-'));
  let child: ChildProcess | null = null;

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts with PORT=0, answers /api/health, serves the client, builds the example workspace and prints its start-up time', async () => {
    expect(fs.existsSync(bundle), 'npm run build writes dist/server/main.js').toBe(true);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      OVERENS_SQLITE_PATH: path.join(dir, 'hub.sqlite'),
      OVERENS_ADMIN_EMAIL: 'admin@example.se',
      OVERENS_ADMIN_PASSWORD: 'correct horse battery staple',
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    // From another folder: the bundle finds its modules and texts from its own location (the
    // client's folder and the database default to the working directory, so they are given).
    child = spawn(process.execPath, [bundle], { cwd: dir, env: { ...env, OVERENS_CLIENT_DIR: path.join(repoRoot, 'dist', 'client') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Ready in" line:\n${output}`)), 20_000);
      child!.stdout!.on('data', () => {
        const m = /running at (http:\/\/[^\s]+?)\/\n[\s\S]*Ready in (\d+) ms \(first \/api\/health answered\)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      child!.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const origin = ready[1]!;
    expect(Number(ready[2])).toBeGreaterThan(0);
    expect(output).toContain('Migrated: 0001_initial');

    const health = await fetch(`${origin}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script[^>]+src="\/assets\//);

    const session = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.se', password: 'correct horse battery staple' }),
    });
    expect(session.status).toBe(200);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    // The example workspace is built from text files read at run time, next to the bundle.
    const example = await fetch(`${origin}/api/example`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(example.status, await example.clone().text()).toBe(201);
    expect(((await example.json()) as { created: boolean }).created).toBe(true);

    // The PDF, DOCX and Markdown writers are chunks of the bundle, loaded on the first download.
    const list = await fetch(`${origin}/api/documents`, { headers: { cookie } });
    const { items } = (await list.json()) as { items: Array<{ id: string }> };
    expect(items.length).toBeGreaterThan(0);
    const magic = { pdf: '%PDF-', docx: 'PK', md: '# ' } as const;
    for (const [format, start] of Object.entries(magic)) {
      const file = await fetch(`${origin}/api/documents/${items[0]!.id}/download?format=${format}`, { headers: { cookie } });
      const body = Buffer.from(await file.arrayBuffer());
      expect(file.status, `${format}: ${body.toString('utf8', 0, 300)}`).toBe(200);
      expect(body.toString('latin1', 0, start.length), format).toBe(start);
    }
  });
});
