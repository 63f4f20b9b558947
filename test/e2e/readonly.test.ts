import * as decoding from 'lib0/decoding';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentFragment } from '../../shared/editor/extensions.js';
import { type Client, connect, storedDoc, tokenFor } from '../collab/helpers.js';
import { buildWorld, launchBrowser, loggedIn, startHub, watchErrors, type Hub, type World } from './harness.js';

/*
 * A reader's browser never writes. Its editor does rewrite what it is shown: when the
 * document is emptied (every block deleted, which is schema-valid as a change), y-prosemirror
 * fills in an empty paragraph on its next transaction. On the provider's document that used to go out as an update,
 * and the server closed the reader with 4403 for good.
 */

let hub: Hub;
let world: World;
let browser: Browser;
let editor: Client | null = null;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchBrowser()]);
  world = await buildWorld(hub);
});

afterAll(async () => {
  editor?.destroy();
  await browser?.close();
  await hub?.close();
});

/** Structs in a sync step 2 or update frame the browser sent; null for other frames. */
function structsIn(payload: string | Buffer): number | null {
  if (typeof payload === 'string') return null;
  const decoder = decoding.createDecoder(new Uint8Array(payload));
  if (decoding.readVarUint(decoder) !== 0) return null;
  const step = decoding.readVarUint(decoder);
  if (step !== 1 && step !== 2) return null;
  return Y.decodeUpdate(decoding.readVarUint8Array(decoder)).structs.length;
}

describe('a reader in Chromium', () => {
  it('stays connected and sends nothing while the document is emptied and rewritten under it', async () => {
    const id = world.agreement.id;
    editor = connect(`${hub.origin.replace(/^http/, 'ws')}/collab`, id, { token: await tokenFor(hub.tdb.db, world.doroteaEditor.id, id) });
    await editor.synced();
    editor.type('Första stycket.');

    const context = await loggedIn(browser, hub, world.reader);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const sent: number[] = [];
    const closes: string[] = [];
    page.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => {
        const n = structsIn(payload);
        if (n !== null) sent.push(n);
      });
      ws.on('close', () => closes.push(ws.url()));
    });
    await page.goto(`/documents/${id}`);
    const text = page.locator('.document-text');
    await expect.poll(() => text.textContent(), { timeout: 15_000 }).toContain('Första stycket.');
    await page.locator('[data-testid=connection-state]', { hasText: 'Live' }).waitFor();
    expect(await text.getAttribute('contenteditable')).toBe('false');

    // Every block deleted: the reader's editor fills in a paragraph of its own.
    const fragment = editor.doc.getXmlFragment(documentFragment);
    fragment.delete(0, fragment.length);
    await expect.poll(() => text.textContent(), { timeout: 10_000 }).toBe('');
    // The fill-in reaches the reader's Y.Doc on its editor's next transaction: another person's
    // presence changing is one (the caret plugin redraws).
    editor.provider.awareness.setLocalStateField('user', { name: 'Dagny Dorotea', party: 'Dorotea', color: '#b91c1c' });
    await page.waitForTimeout(500);
    // Then someone types again, and the reader follows.
    editor.type('Andra stycket.');
    await expect.poll(() => text.textContent(), { timeout: 10_000 }).toContain('Andra stycket.');
    await page.waitForTimeout(500);
    await hub.collab.flush();

    expect(closes).toEqual([]);
    expect(await page.getByTestId('connection-state').textContent()).toBe('Live');
    expect(await page.locator('.conn-problem').count()).toBe(0);
    // The reader's sync step 2 went out (empty), and no frame carried anything of its own.
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((n) => n === 0)).toBe(true);
    // Stored: only what the editor wrote.
    const stored = await storedDoc(hub.tdb.db, id);
    expect([...stored.store.clients.keys()]).toEqual([editor.doc.clientID]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
