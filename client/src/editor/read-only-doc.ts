import * as Y from 'yjs';

/*
 * What a read-only editor works on. The editor rewrites content it cannot show as it is
 * (y-prosemirror fills an emptied document with a paragraph, deletes what does not fit the
 * schema), and on the provider's document that rewrite would be sent as a write, which the
 * server answers by closing the connection for good. So the editor gets a copy that follows
 * every change of the provider's document while its own changes stay in the browser.
 */

export interface ReadOnlyDoc {
  doc: Y.Doc;
  destroy(): void;
}

const fromSource = Symbol('from the provider');

export function readOnlyCopy(source: Y.Doc): ReadOnlyDoc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), fromSource);
  // The caret plugin tells one's own caret by the editor document's client id. Sharing it is
  // safe: nothing the copy writes leaves it, and the provider's document does not write while
  // the copy exists. Set after the first apply, which would make Yjs pick a new id on seeing
  // its own id in a remote update.
  doc.clientID = source.clientID;
  const follow = (update: Uint8Array) => Y.applyUpdate(doc, update, fromSource);
  source.on('update', follow);
  return {
    doc,
    destroy() {
      source.off('update', follow);
      doc.destroy();
    },
  };
}
