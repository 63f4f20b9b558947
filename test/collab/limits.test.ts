import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../shared/errors.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildWorld, type Client, connect, eventually, rawSocket, type RunningHub, startHub, storedDoc, storedText, tokenFor, type World } from './helpers.js';

/*
 * Bad input closes only the connection that sent it, with its documented code; the
 * document and everyone else carry on, and the process stays up.
 */

const maxFrameBytes = 64 * 1024;
const maxDocumentBytes = 48 * 1024;
const messagesPerSecond = 40;

describe.each(dialects)('limits and bad input (%s)', (dialect) => {
  let tdb: TestDb;
  let hub: RunningHub;
  let w: World;
  let token: string;
  let writer: Client;
  let bystander: Client;

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    hub = await startHub(tdb, { maxFrameBytes, maxDocumentBytes, messagesPerSecond });
    w = await buildWorld(tdb.db);
    token = await tokenFor(tdb.db, w.editor.id, w.doc.id);
    writer = connect(hub.url, w.doc.id, { token });
    bystander = connect(hub.url, w.doc.id, { token });
    await writer.synced();
    await bystander.synced();
  });
  afterAll(async () => {
    writer.destroy();
    bystander.destroy();
    await hub.close();
    await tdb.drop();
  });

  let round = 0;
  /** After each bad frame: the others still edit together and the document is whole. */
  async function documentUnharmed() {
    const mark = ` ok${round++}`;
    writer.type(mark);
    await eventually(() => expect(bystander.text().endsWith(mark)).toBe(true));
    expect(writer.closeCodes).toEqual([]);
    expect(bystander.closeCodes).toEqual([]);
    await hub.collab.flush();
    expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(writer.text());
  }

  async function sendAndExpectClose(frame: Uint8Array | string, name: keyof typeof CloseCodes) {
    const { ws, closed } = await rawSocket(hub.url, w.doc.id, token);
    ws.send(frame);
    const { code, reason } = await closed;
    expect({ code, reason }).toEqual(CloseCodes[name]);
    await documentUnharmed();
  }

  it('an unknown message type closes with 4400', async () => {
    await sendAndExpectClose(Uint8Array.from([7, 1, 2]), 'unknownMessageType');
    await sendAndExpectClose(Uint8Array.from([0, 9, 0]), 'unknownMessageType');
    // Auth and saved flow from server to client only.
    await sendAndExpectClose(Uint8Array.from([2, 0, 0]), 'unknownMessageType');
  });

  it('a truncated or text frame closes with 4401', async () => {
    await sendAndExpectClose(Uint8Array.from([0, 2, 50, 1, 2]), 'malformedMessage');
    await sendAndExpectClose(Uint8Array.from([1, 200]), 'malformedMessage');
    await sendAndExpectClose(Uint8Array.from([]), 'malformedMessage');
    await sendAndExpectClose('{"type":"sync"}', 'malformedMessage');
    // An awareness update whose state is not JSON.
    await sendAndExpectClose(Uint8Array.from([1, 6, 1, 5, 1, 2, 123, 120]), 'malformedMessage');
  });

  it('an update Yjs cannot decode closes with 4402 and is never stored', async () => {
    const rowsBefore = (await tdb.db.selectFrom('document_updates').select('id').where('document_id', '=', w.doc.id).execute()).length;
    await sendAndExpectClose(Uint8Array.from([0, 2, 3, 1, 1, 5]), 'invalidUpdate');
    await sendAndExpectClose(Uint8Array.from([0, 1, 4, 1, 1, 5, 0]), 'invalidUpdate');
    const rowsAfter = (await tdb.db.selectFrom('document_updates').select('id').where('document_id', '=', w.doc.id).execute()).length;
    // Only the two good marks of documentUnharmed() were stored.
    expect(rowsAfter - rowsBefore).toBe(2);
  });

  it('a frame over the size limit closes with 1009', async () => {
    const big = new Uint8Array(maxFrameBytes + 1000);
    big[0] = 1;
    const { ws, closed } = await rawSocket(hub.url, w.doc.id, token);
    ws.send(big);
    expect((await closed).code).toBe(CloseCodes.messageTooBig.code);
    await documentUnharmed();
  });

  it('a client over the message rate closes with 1008', async () => {
    const { ws, closed } = await rawSocket(hub.url, w.doc.id, token);
    for (let i = 0; i < messagesPerSecond * 6; i++) ws.send(Uint8Array.from([3]));
    expect(await closed).toEqual(CloseCodes.rateLimited);
    await documentUnharmed();
  });

  it('an update past the document size limit closes with 4413; smaller edits still fit', async () => {
    const big = connect(hub.url, w.doc.id, { token });
    await big.synced();
    big.type('x'.repeat(20 * 1024));
    await eventually(() => expect(bystander.text()).toContain('x'.repeat(20 * 1024)));
    big.type('y'.repeat(40 * 1024));
    await eventually(() => expect(big.closeCodes).toEqual([CloseCodes.documentTooLarge.code]));
    big.destroy();
    await hub.collab.flush();
    expect(storedText(await storedDoc(tdb.db, w.doc.id))).not.toContain('y');
    await documentUnharmed();
  });

  it('random frames never take the server down', async () => {
    const documented = new Set<number>(Object.values(CloseCodes).map((c) => c.code));
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 40; i++) {
      const frame = Uint8Array.from({ length: 1 + Math.floor(random() * 60) }, () => Math.floor(random() * 256));
      // Half of them start like real sync or awareness messages, to get past the first byte.
      if (i % 2 === 0) frame[0] = i % 4 === 0 ? 0 : 1;
      if (i % 4 === 0 && frame.length > 1) frame[1] = 1 + (i % 8 === 0 ? 1 : 0);
      const { ws, closed } = await rawSocket(hub.url, w.doc.id, token);
      ws.send(frame);
      const timer = setTimeout(() => ws.close(), 300);
      const { code } = await closed;
      clearTimeout(timer);
      // With this seed every frame is bad somehow; each must close with a documented code.
      expect(documented.has(code)).toBe(true);
    }
    await documentUnharmed();
  });
});

describe('sockets per user and per address', () => {
  let tdb: TestDb;
  let hub: RunningHub;
  const clients: Client[] = [];

  beforeAll(async () => {
    tdb = await createTestDb('sqlite');
    hub = await startHub(tdb, { maxSocketsPerUser: 3, maxSocketsPerAddress: 5 });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await hub.close();
    await tdb.drop();
  });

  async function open(userId: string, documentId: string): Promise<Client> {
    const c = connect(hub.url, documentId, { token: await tokenFor(tdb.db, userId, documentId) });
    clients.push(c);
    await new Promise<void>((resolve) => {
      c.provider.once('sync', () => resolve());
      c.provider.on('connection-close', () => resolve());
    });
    return c;
  }

  it('refuses one socket beyond the user’s cap, and beyond the address’s, with 4429; a closed socket frees its place', async () => {
    const w = await buildWorld(tdb.db);
    const mine = [await open(w.editor.id, w.doc.id), await open(w.editor.id, w.doc.id), await open(w.editor.id, w.doc.id)];
    const fourth = await open(w.editor.id, w.doc.id);
    await eventually(() => expect(fourth.closeCodes).toEqual([CloseCodes.tooManyConnections.code]));
    expect(mine.every((c) => c.closeCodes.length === 0)).toBe(true);
    // 44xx: no reconnect loop against the cap.
    expect(fourth.provider.shouldConnect).toBe(false);

    // Another user from the same address (every test client is 127.0.0.1): two fit, the sixth socket does not.
    const theirs = [await open(w.reader.id, w.doc.id), await open(w.reader.id, w.doc.id)];
    expect(theirs.every((c) => c.closeCodes.length === 0)).toBe(true);
    const sixth = await open(w.commenter.id, w.doc.id);
    await eventually(() => expect(sixth.closeCodes).toEqual([CloseCodes.tooManyConnections.code]));

    mine[0]!.destroy();
    await eventually(async () => {
      const again = await open(w.editor.id, w.doc.id);
      expect(again.closeCodes).toEqual([]);
    });
  });
});
