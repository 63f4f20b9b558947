import type { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { carriesUpdate, frozenDeniedReason, MessageType, readSaved } from '../../../shared/collab-protocol.js';
import { CloseCodes } from '../../../shared/errors.js';

/*
 * What the person sees about the live connection, derived from the provider's events
 * and the Y.Doc: connecting, live, offline (edits kept in the Y.Doc and sent on
 * reconnect), closed by the server (44xx: no reconnect), and whether the server has
 * confirmed storing this client's edits ("Sparat").
 *
 * "Saved" follows shared/collab-protocol.ts: the client counts the frames carrying an
 * update that it sends on a connection; the server's saved message with count n says
 * the first n of them are stored. We remember our own Yjs clock when each such frame
 * leaves, so saved(n) tells how far our edits are stored.
 */

export type Phase = 'connecting' | 'live' | 'offline' | 'closed';

export interface ConnectionSnapshot {
  phase: Phase;
  /** Has been live at least once (so a drop is "offline", not "connecting"). */
  everConnected: boolean;
  /** The full sync with the server is done on the current connection. */
  synced: boolean;
  /** This client made edits that the server has not yet confirmed stored. */
  unsaved: boolean;
  /** When the server last confirmed that all of this client's edits are stored. */
  savedAt: number | null;
  /** Close code when the server ended the connection for good (44xx), and its reason. */
  closeCode: number | null;
  closeReason: string | null;
  /** The server refused an edit (y-protocols auth "permission denied"). */
  denied: boolean;
  /** Refused because the agreement was adopted (its text is locked), not for a lack of rights. */
  frozen: boolean;
}

export const initialSnapshot: ConnectionSnapshot = {
  phase: 'connecting',
  everConnected: false,
  synced: false,
  unsaved: false,
  savedAt: null,
  closeCode: null,
  closeReason: null,
  denied: false,
  frozen: false,
};

/** The part of WebsocketProvider the tracker uses (a fake in tests). */
export type ProviderLike = Pick<WebsocketProvider, 'on' | 'off' | 'messageHandlers' | 'connect' | 'disconnect' | 'wsconnected' | 'synced'> & {
  ws: object | null;
};

export interface Tracker {
  snapshot: () => ConnectionSnapshot;
  /** Called by the socket when it sends its n-th frame that carries an update. */
  updateSent: (socket: object, n: number) => void;
  destroy: () => void;
}

export interface TrackOptions {
  /** Follow the browser's online/offline events (disconnect at once when the network goes). */
  watchNetwork?: boolean;
  now?: () => number;
}

export function trackConnection(
  provider: ProviderLike,
  ydoc: Y.Doc,
  onChange: (snapshot: ConnectionSnapshot) => void,
  options: TrackOptions = {},
): Tracker {
  let state: ConnectionSnapshot = { ...initialSnapshot };
  const now = options.now ?? (() => Date.now());
  const set = (patch: Partial<ConnectionSnapshot>) => {
    state = { ...state, ...patch };
    onChange(state);
  };

  // Our own clock in the doc: how many structs this client has written.
  const localClock = () => Y.getState(ydoc.store, ydoc.clientID);
  // Our clock as far as the server has confirmed it stored.
  let confirmedClock = localClock();
  // Per socket: our clock when its n-th update frame left (index n - 1).
  const sentClocks = new WeakMap<object, number[]>();

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (state.phase === 'closed') return;
    if (status === 'connected') set({ phase: 'live', everConnected: true });
    else if (status === 'disconnected') set({ phase: 'offline', synced: false });
    else set({ phase: state.everConnected ? 'offline' : 'connecting' });
  };
  const onSync = (synced: boolean) => set({ synced });
  const onClosed = (event: { code: number; reason: string }) => {
    const frozen = state.frozen || (event.code === CloseCodes.documentFrozen.code && event.reason === CloseCodes.documentFrozen.reason);
    set({ phase: 'closed', closeCode: event.code, closeReason: event.reason, synced: false, frozen });
  };

  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) return; // came from the server
    if (localClock() > confirmedClock && !state.unsaved) set({ unsaved: true });
  };

  const onSaved = (count: number) => {
    const socket = provider.ws;
    const clocks = socket ? sentClocks.get(socket) : undefined;
    const clock = clocks && count > 0 ? clocks[Math.min(count, clocks.length) - 1] : undefined;
    if (clock !== undefined && clock > confirmedClock) confirmedClock = clock;
    if (state.unsaved && confirmedClock >= localClock()) set({ unsaved: false, savedAt: now() });
  };

  const previousSaved = provider.messageHandlers[MessageType.saved];
  provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => onSaved(readSaved(decoder));
  const previousAuth = provider.messageHandlers[MessageType.auth];
  // y-protocols auth: the only message is "permission denied" with a reason. Show it instead of a console
  // warning; the server says when the reason is the adoption, and the editor then says so.
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
    let reason = '';
    try {
      decoding.readVarUint(decoder);
      reason = decoding.readVarString(decoder);
    } catch {
      // No reason: a plain refusal.
    }
    set({ denied: true, frozen: state.frozen || reason === frozenDeniedReason });
  };

  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('closed', onClosed);
  ydoc.on('update', onUpdate);

  const online = () => provider.connect();
  const offline = () => {
    provider.disconnect();
    if (state.phase !== 'closed') set({ phase: 'offline', synced: false });
  };
  const watch = options.watchNetwork && typeof window !== 'undefined';
  if (watch) {
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
  }

  if (provider.wsconnected) set({ phase: 'live', everConnected: true, synced: provider.synced });

  return {
    snapshot: () => state,
    updateSent(socket, n) {
      let clocks = sentClocks.get(socket);
      if (!clocks) sentClocks.set(socket, (clocks = []));
      clocks[n - 1] = localClock();
    },
    destroy() {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      ydoc.off('update', onUpdate);
      if (previousSaved) provider.messageHandlers[MessageType.saved] = previousSaved;
      if (previousAuth) provider.messageHandlers[MessageType.auth] = previousAuth;
      if (watch) {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
      }
    },
  };
}

/**
 * A WebSocket class for the provider (its WebSocketPolyfill option) that reports each
 * frame it sends carrying a document update, numbered per connection from 1.
 */
export function countingWebSocket(base: typeof WebSocket, onUpdateSent: (socket: object, n: number) => void): typeof WebSocket {
  return class CountingWebSocket extends base {
    private updatesSent = 0;
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      const bytes =
        data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : ArrayBuffer.isView(data)
            ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
            : null;
      // Count before sending: the server may answer before send() returns in some runtimes.
      if (bytes && carriesUpdate(bytes)) onUpdateSent(this, ++this.updatesSent);
      super.send(data);
    }
  };
}
