import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { documentFragment } from '../shared/editor/extensions.js';

/* A stock y-websocket client editing the text of the document's first paragraph. */

process.setMaxListeners(1000);

export interface BenchClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The first paragraph's text, created by whoever gets there first. */
  text(): Y.XmlText | null;
  ensureParagraph(): void;
  synced(): Promise<void>;
  destroy(): void;
}

export function benchClient(url: string, documentId: string, token: string): BenchClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, documentId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  const fragment = doc.getXmlFragment(documentFragment);
  const text = () => ((fragment.get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined) ?? null;
  return {
    doc,
    provider,
    text,
    ensureParagraph() {
      if (text()) return;
      doc.transact(() => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText()]);
        fragment.insert(0, [p]);
      });
    },
    synced: () => (provider.synced ? Promise.resolve() : new Promise((r) => provider.once('sync', (s: boolean) => s && r()))),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
