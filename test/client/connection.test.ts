import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ObservableV2 } from 'lib0/observable';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSaved, frozenDeniedReason, MessageType } from '../../shared/collab-protocol.js';
import { CloseCodes } from '../../shared/errors.js';
import { closeText } from '../../client/src/i18n.js';
import { countingWebSocket, trackConnection, type ConnectionSnapshot, type ProviderLike } from '../../client/src/editor/connection.js';

/** Just enough of WebsocketProvider: events, message handlers and a current socket. */
class FakeProvider extends ObservableV2<any> {
  messageHandlers: any[] = [];
  ws: object | null = { id: 1 };
  wsconnected = false;
  synced = false;
  connects = 0;
  disconnects = 0;
  connect() {
    this.connects++;
  }
  disconnect() {
    this.disconnects++;
  }
  receive(frame: Uint8Array) {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    this.messageHandlers[type](encoding.createEncoder(), decoder, this, true, type);
  }
}

function setup() {
  const provider = new FakeProvider();
  const doc = new Y.Doc();
  const seen: ConnectionSnapshot[] = [];
  const tracker = trackConnection(provider as unknown as ProviderLike, doc, (s) => seen.push(s), { now: () => 42 });
  const type = (text: string) => doc.getText('t').insert(0, text);
  return { provider, doc, tracker, seen, type, last: () => tracker.snapshot() };
}

describe('connection state', () => {
  it('goes connecting → live → offline → live', () => {
    const { provider, last } = setup();
    expect(last().phase).toBe('connecting');
    provider.emit('status', [{ status: 'connecting' }]);
    expect(last().phase).toBe('connecting');
    provider.emit('status', [{ status: 'connected' }]);
    provider.emit('sync', [true]);
    expect(last()).toMatchObject({ phase: 'live', synced: true, everConnected: true });
    provider.emit('status', [{ status: 'disconnected' }]);
    expect(last()).toMatchObject({ phase: 'offline', synced: false });
    provider.emit('status', [{ status: 'connecting' }]);
    expect(last().phase).toBe('offline'); // a reconnect attempt is still "offline" to the person
    provider.emit('status', [{ status: 'connected' }]);
    expect(last().phase).toBe('live');
  });

  it('says "saved" only after the server confirmed the frame that carried the edit', () => {
    const { provider, tracker, type, last } = setup();
    provider.emit('status', [{ status: 'connected' }]);
    provider.emit('sync', [true]);
    tracker.updateSent(provider.ws!, 1); // the empty sync step 2 on connect
    provider.receive(encodeSaved(1));
    expect(last().unsaved).toBe(false);
    expect(last().savedAt).toBeNull(); // nothing of ours to save yet

    type('Hej');
    expect(last().unsaved).toBe(true);
    tracker.updateSent(provider.ws!, 2);
    type(' då');
    tracker.updateSent(provider.ws!, 3);
    provider.receive(encodeSaved(2)); // the first edit is stored, the second is not yet
    expect(last().unsaved).toBe(true);
    provider.receive(encodeSaved(3));
    expect(last()).toMatchObject({ unsaved: false, savedAt: 42 });
  });

  it('keeps offline edits unsaved until a new connection confirms them', () => {
    const { provider, tracker, type, last } = setup();
    provider.emit('status', [{ status: 'connected' }]);
    type('a');
    tracker.updateSent(provider.ws!, 1);
    provider.emit('status', [{ status: 'disconnected' }]);
    type('b'); // offline: kept in the Y.Doc
    expect(last()).toMatchObject({ phase: 'offline', unsaved: true });
    // A confirmation for an old socket's count does not count on the new socket.
    provider.ws = { id: 2 };
    provider.emit('status', [{ status: 'connected' }]);
    provider.receive(encodeSaved(1));
    expect(last().unsaved).toBe(true);
    tracker.updateSent(provider.ws, 1); // sync step 2 carrying a and b
    provider.receive(encodeSaved(1));
    expect(last().unsaved).toBe(false);
  });

  it('ignores updates that came from the server', () => {
    const { provider, doc, last } = setup();
    const remote = new Y.Doc();
    remote.getText('t').insert(0, 'från Dorotea');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), provider);
    expect(last().unsaved).toBe(false);
  });

  it('reports a permanent close and a refused edit', () => {
    const { provider, last } = setup();
    const auth = encoding.createEncoder();
    encoding.writeVarUint(auth, MessageType.auth);
    encoding.writeVarUint(auth, 0);
    encoding.writeVarString(auth, 'permission denied');
    provider.receive(encoding.toUint8Array(auth));
    expect(last().denied).toBe(true);
    provider.emit('closed', [{ code: 4405, reason: 'access revoked' }]);
    expect(last()).toMatchObject({ phase: 'closed', closeCode: 4405 });
    provider.emit('status', [{ status: 'connected' }]);
    expect(last().phase).toBe('closed');
  });

  it('tells an edit refused because the agreement was adopted from a missing right', () => {
    const { provider, last } = setup();
    const auth = encoding.createEncoder();
    encoding.writeVarUint(auth, MessageType.auth);
    encoding.writeVarUint(auth, 0);
    encoding.writeVarString(auth, frozenDeniedReason);
    provider.receive(encoding.toUint8Array(auth));
    expect(last()).toMatchObject({ denied: true, frozen: true });
    provider.emit('closed', [{ code: CloseCodes.documentFrozen.code, reason: CloseCodes.documentFrozen.reason }]);
    expect(last()).toMatchObject({ phase: 'closed', closeCode: 4403, closeReason: CloseCodes.documentFrozen.reason, frozen: true });
    // The same code with the plain reason is a missing right, said as such.
    expect(closeText(CloseCodes.forbidden.code, CloseCodes.forbidden.reason)).toBe('Du har inte behörighet till dokumentet.');
    expect(closeText(CloseCodes.documentFrozen.code, CloseCodes.documentFrozen.reason)).toContain('Överenskommelsen har antagits och är låst.');

    const other = setup();
    other.provider.emit('closed', [{ code: CloseCodes.forbidden.code, reason: CloseCodes.forbidden.reason }]);
    expect(other.last().frozen).toBe(false);
  });

  it('follows the browser going offline and online', () => {
    const provider = new FakeProvider();
    const tracker = trackConnection(provider as unknown as ProviderLike, new Y.Doc(), () => {}, { watchNetwork: true });
    provider.emit('status', [{ status: 'connected' }]);
    window.dispatchEvent(new Event('offline'));
    expect(provider.disconnects).toBe(1);
    expect(tracker.snapshot().phase).toBe('offline');
    window.dispatchEvent(new Event('online'));
    expect(provider.connects).toBe(1);
    tracker.destroy();
    window.dispatchEvent(new Event('offline'));
    expect(provider.disconnects).toBe(1);
  });
});

describe('countingWebSocket', () => {
  it('numbers the frames that carry an update, per socket', () => {
    const sent: unknown[] = [];
    class Base {
      send(data: unknown) {
        sent.push(data);
      }
    }
    const counted: [object, number][] = [];
    const WS = countingWebSocket(Base as unknown as typeof WebSocket, (s, n) => counted.push([s, n]));
    const a = new (WS as any)();
    a.send(new Uint8Array([0, 0, 1])); // sync step 1: no update
    a.send(new Uint8Array([0, 1, 0, 0])); // sync step 2
    a.send(new Uint8Array([1, 5])); // awareness
    a.send(new Uint8Array([0, 2, 7])); // update
    const b = new (WS as any)();
    b.send(new Uint8Array([0, 2, 7]));
    expect(counted).toEqual([
      [a, 1],
      [a, 2],
      [b, 1],
    ]);
    expect(sent).toHaveLength(5);
  });
});
