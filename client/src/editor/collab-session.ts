import { createStore } from 'solid-js/store';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { savedParam } from '../../../shared/collab-protocol.js';
import { countingWebSocket, initialSnapshot, trackConnection, type ConnectionSnapshot, type Tracker } from './connection.js';

/*
 * One live document: its Y.Doc, the y-websocket provider on /collab/<id>, and the
 * connection state as a Solid store. Opened as soon as a document page mounts (so the
 * sync runs while the metadata and the editor load), closed with the page.
 */

export interface CollabSession {
  documentId: string;
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  /** Reactive connection state: connecting / live / offline / closed, unsaved / saved. */
  connection: ConnectionSnapshot;
  destroy(): void;
}

function collabOrigin(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`;
}

export function openCollabSession(documentId: string): CollabSession {
  const ydoc = new Y.Doc();
  const [connection, setConnection] = createStore<ConnectionSnapshot>({ ...initialSnapshot });
  let tracker: Tracker | null = null;
  const provider = new WebsocketProvider(collabOrigin(), documentId, ydoc, {
    params: { [savedParam]: '1' },
    // Tabs of the same person sync through the server, so "Sparat" stays honest.
    disableBc: true,
    WebSocketPolyfill: countingWebSocket(WebSocket, (socket, n) => tracker?.updateSent(socket, n)),
  });
  tracker = trackConnection(provider, ydoc, (s) => setConnection({ ...s }), { watchNetwork: true });
  provider.once('sync', () => performance.mark?.('overens:synced'));
  let destroyed = false;
  return {
    documentId,
    ydoc,
    provider,
    connection,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      tracker?.destroy();
      provider.destroy();
      ydoc.destroy();
    },
  };
}
