import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../shared/errors.js';
import { storedVersion } from '../../server/db/repositories/canonical.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildDocument, buildParty, buildUser, login } from '../helpers/factories.js';
import { connect, eventually, type RunningHub, sleep, startHub, storedDoc, storedText, storedUpdates, tokenFor } from './helpers.js';

/*
 * Adoption against a client that keeps typing: the adoption decides under the document's row
 * lock, the collaboration commit checks the status under the same lock, so either an update
 * commits first (and the approvals are then stale: 409) or it is refused (4403, the frozen
 * reason) and never stored. Never a text frozen that differs from the approved version.
 */

describe.each(dialects)('adoption racing a typing client (%s)', (dialect) => {
  let tdb: TestDb;
  let hub: RunningHub;
  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    hub = await startHub(tdb);
  });
  afterAll(async () => {
    await hub.close();
    await tdb.drop();
  });

  /** One agreement, approved by both parties; typing starts `typingAt` ms after (negative: before) the adoption request is sent. */
  async function round(typingAt: number) {
    const region = await buildParty(tdb.db, { kind: 'region' });
    const kommun = await buildParty(tdb.db, { kind: 'municipality' });
    const doc = await buildDocument(tdb.db, { owner: region, parties: [kommun], status: 'proposed' });
    const regionEditor = await buildUser(tdb.db, { party: region, role: 'editor' });
    const kommunEditor = await buildUser(tdb.db, { party: kommun, role: 'editor' });
    const [r, k] = [await login(hub.app, regionEditor.email, regionEditor.password), await login(hub.app, kommunEditor.email, kommunEditor.password)];

    const typer = connect(hub.url, doc.id, { token: await tokenFor(tdb.db, regionEditor.id, doc.id), maxBackoffTime: 60_000 });
    // What the server accepted reaches the other clients only after it is stored.
    const watcher = connect(hub.url, doc.id, { token: await tokenFor(tdb.db, kommunEditor.id, doc.id) });
    await Promise.all([typer.synced(), watcher.synced()]);
    typer.type('Start.');
    await eventually(() => expect(watcher.text()).toBe('Start.'));

    for (const [who, partyId] of [[r, region.id], [k, kommun.id]] as const) {
      const res = await who.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId, approval: 'approved' } });
      expect(res.status).toBe(200);
    }
    const approvedHash = ((await (await r.request(`/api/documents/${doc.id}`)).json()) as { versionHash: string }).versionHash;

    let typed = 0;
    let keys: NodeJS.Timeout | undefined;
    const typing = setTimeout(() => {
      keys = setInterval(() => {
        typer.type('x');
        typed++;
      }, 1);
    }, Math.max(0, typingAt));
    if (typingAt < 0) await sleep(-typingAt);
    const typedBefore = typed;
    // Over real HTTP, as a browser would: the request yields to the sockets while it is under way.
    const res = await fetch(`${hub.origin}/api/documents/${doc.id}/status`, {
      method: 'POST',
      headers: { cookie: r.cookie, 'x-csrf-token': r.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'adopted' }),
    });
    const typedDuringRequest = typed - typedBefore;
    // Keep typing a while after the answer: every one of these must be refused if it was adopted.
    await sleep(60);
    clearTimeout(typing);
    clearInterval(keys);
    await hub.collab.flush();
    await sleep(100);

    const stored = await storedDoc(tdb.db, doc.id);
    const text = storedText(stored);
    // Whatever the server accepted (sent on to the watcher) is stored, and nothing else.
    await eventually(() => expect(watcher.text()).toBe(text));
    expect(typed).toBeGreaterThan(0);
    // The typed words stay in the typist's own document, stored or not.
    expect(typer.text()).toBe(`Start.${'x'.repeat(typed)}`);

    let adopted = false;
    if (res.status === 200) {
      adopted = true;
      expect((await storedVersion(tdb.db, doc.id)).hash).toBe(approvedHash);
      expect(text).toBe('Start.');
      await eventually(() => expect(typer.closeCodes[0]).toBe(CloseCodes.documentFrozen.code));
      expect(typer.closeReasons[0]).toBe(CloseCodes.documentFrozen.reason);
      const rows = (await storedUpdates(tdb.db, doc.id)).length;
      await sleep(100);
      expect((await storedUpdates(tdb.db, doc.id)).length).toBe(rows);
    } else {
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('approvalsStale');
      expect(text.startsWith('Start.x')).toBe(true);
      const status = await tdb.db.selectFrom('documents').select('status').where('id', '=', doc.id).executeTakeFirstOrThrow();
      expect(status.status).toBe('proposed');
    }
    typer.destroy();
    watcher.destroy();
    return { adopted, typedDuringRequest };
  }

  it('never freezes a text other than the approved one, and never stores an update after adoption', async () => {
    const outcomes: Array<{ adopted: boolean; typedDuringRequest: number }> = [];
    // From typing at once (the keystrokes commit first: stale) to typing once the decision is
    // under way (refused); in between the two meet at the lock.
    for (const at of [-30, -10, -4, -1, 0, 0, 1, 2, 3, 4, 6, 8, 12, 20]) outcomes.push(await round(at));
    // Adopted while keystrokes were arriving: the race itself, not only an update after the fact.
    expect(outcomes.some((o) => o.adopted && o.typedDuringRequest > 0)).toBe(true);
    expect(outcomes.some((o) => !o.adopted)).toBe(true);
  }, 60_000);
});
