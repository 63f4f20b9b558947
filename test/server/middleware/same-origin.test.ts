import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { fromOwnPage } from '../../../server/middleware/same-origin.js';

/* The one Origin check both WebSocket endpoints (collab, live) use against cross-site hijacking. */
describe('fromOwnPage', () => {
  const app = (publicUrl: string | null) => new Hono().get('/', (c) => c.text(String(fromOwnPage(c, publicUrl))));
  const ask = async (headers: Record<string, string>, publicUrl: string | null = null) => (await app(publicUrl).request('/', { headers })).text();

  it('accepts the page of the host the request came to, in any letter case, and no Origin at all', async () => {
    expect(await ask({ host: 'hub.example.se', origin: 'https://hub.example.se' })).toBe('true');
    expect(await ask({ host: 'Hub.Example.se', origin: 'https://hub.example.se' })).toBe('true');
    expect(await ask({ host: 'hub.example.se' })).toBe('true');
  });

  it('accepts OVERENS_PUBLIC_URL behind a proxy, and refuses every other page', async () => {
    expect(await ask({ host: '127.0.0.1:8787', origin: 'https://overens.region.se' }, 'https://overens.region.se/')).toBe('true');
    expect(await ask({ host: '127.0.0.1:8787', origin: 'https://evil.example' }, 'https://overens.region.se/')).toBe('false');
    expect(await ask({ host: 'hub.example.se', origin: 'https://hub.example.se.evil.example' })).toBe('false');
    expect(await ask({ host: 'hub.example.se', origin: 'null' })).toBe('false');
  });
});
