import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { createTestDb, type TestDb, testDeps } from '../../helpers/db.js';
import { buildDocument, buildParty, buildUser, login } from '../../helpers/factories.js';
import { fails, ok } from './world.js';

/*
 * Issue 8, item 9 (HTTP): bodiless POST/DELETE, the Content-Security-Policy, OPTIONS, and
 * missing assets. SQLite only: nothing here depends on the database.
 */
describe('HTTP edges', () => {
  let tdb: TestDb;
  let hub: ReturnType<typeof createApp>;
  // A client folder of our own, inside the project (serveStatic takes a relative root).
  const clientDir = fs.mkdtempSync(path.resolve('.test-client-'));
  beforeAll(async () => {
    fs.mkdirSync(path.join(clientDir, 'assets'));
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Överens</title>');
    fs.writeFileSync(path.join(clientDir, 'assets', 'main-abc123.js'), 'console.log(1)');
    tdb = await createTestDb('sqlite');
    hub = createApp(testDeps(tdb, { clientDir }));
  });
  afterAll(async () => {
    await hub.collab.close();
    await tdb.drop();
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  async function someone() {
    const party = await buildParty(tdb.db);
    const user = await buildUser(tdb.db, { party, role: 'editor' });
    return { party, user, s: await login(hub.app, user.email, user.password) };
  }

  describe('a POST or DELETE without a body', () => {
    it('logs out with DELETE /api/session and an empty body stream, no content type', async () => {
      const { user, s } = await someone();
      const res = await hub.app.request('/api/session', { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken }, body: new Uint8Array(0) });
      expect(await ok(res)).toEqual({ ok: true });
      expect(await tdb.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    });

    it('issues a collab token for POST …/collab-token with content-length 0', async () => {
      const { party, s } = await someone();
      const doc = await buildDocument(tdb.db, { owner: party });
      const res = await hub.app.request(`/api/documents/${doc.id}/collab-token`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-length': '0' },
        body: new Uint8Array(0),
      });
      expect(await ok(res)).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    });

    it('keeps the CSRF check for a cookie session without a body', async () => {
      const { s } = await someone();
      await fails(await hub.app.request('/api/session', { method: 'DELETE', headers: { cookie: s.cookie }, body: new Uint8Array(0) }), 403, 'csrf');
    });

    it('still answers 415 for a body that is not JSON, declared or not', async () => {
      await fails(await hub.app.request('/api/session', { method: 'POST', body: new TextEncoder().encode('email=a&password=b') }), 415, 'unsupportedMediaType');
      await fails(
        await hub.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b' }),
        415,
        'unsupportedMediaType',
      );
    });

    it('works over a real socket, as curl -X DELETE sends it', async () => {
      const { user, s } = await someone();
      const server = serve({ fetch: hub.app.fetch, port: 0, hostname: '127.0.0.1' });
      if (!server.listening) await once(server, 'listening');
      try {
        const { port } = server.address() as AddressInfo;
        const res = await fetch(`http://127.0.0.1:${port}/api/session`, { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken } });
        expect(await ok(res)).toEqual({ ok: true });
        expect(await tdb.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
      } finally {
        server.close();
      }
    });
  });

  describe('Content-Security-Policy', () => {
    it('is sent with the page and the API', async () => {
      for (const url of ['/', '/api/health']) {
        const csp = (await hub.app.request(url)).headers.get('content-security-policy') ?? '';
        const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v.join(' ')]));
        expect(Object.fromEntries(directives)).toEqual({
          'default-src': "'self'",
          'script-src': "'self'",
          'connect-src': "'self'",
          'img-src': "'self' data:",
          // No inline style sheets (TipTap's base styles are bundled); style attributes only.
          'style-src': "'self'",
          'style-src-elem': "'self'",
          'style-src-attr': "'unsafe-inline'",
          'frame-ancestors': "'none'",
          'base-uri': "'none'",
          'form-action': "'self'",
          'object-src': "'none'",
        });
      }
    });
  });

  describe('OPTIONS', () => {
    it('answers 204 with the methods of the route in Allow, and no CORS headers', async () => {
      const cases: [string, string][] = [
        ['/api/documents', 'GET, HEAD, POST, OPTIONS'],
        ['/api/documents/some-id', 'GET, HEAD, PATCH, DELETE, OPTIONS'],
        ['/api/session', 'POST, DELETE, OPTIONS'],
        ['/api/me', 'GET, HEAD, PATCH, OPTIONS'],
        ['/', 'GET, HEAD, OPTIONS'],
        ['/documents/some-id', 'GET, HEAD, OPTIONS'],
      ];
      for (const [url, allow] of cases) {
        const res = await hub.app.request(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
        expect({ url, status: res.status, allow: res.headers.get('allow') }).toEqual({ url, status: 204, allow });
        expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
        expect(await res.text()).toBe('');
      }
    });

    it('answers 404 for an API path that does not exist', async () => {
      await fails(await hub.app.request('/api/no-such-route', { method: 'OPTIONS' }), 404, 'notFound');
    });
  });

  describe('static files', () => {
    it('serves an asset that exists, and 404 (not the page) for one that does not', async () => {
      const found = await hub.app.request('/assets/main-abc123.js');
      expect(found.status).toBe(200);
      expect(await found.text()).toBe('console.log(1)');
      for (const missing of ['/assets/main-gone.js', '/assets/deep/er.css', '/assets/']) {
        const res = await hub.app.request(missing);
        expect({ missing, status: res.status }).toEqual({ missing, status: 404 });
        expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
      }
      // A page of the client is still the page.
      expect((await hub.app.request('/documents/x')).headers.get('content-type')).toMatch(/text\/html/);
    });
  });
});
