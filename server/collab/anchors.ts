import { initProseMirrorDoc, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { fromBase64, type TextAnchor } from '../../shared/anchor.js';
import { documentFragment } from '../../shared/editor/extensions.js';
import { editorSchema } from './content.js';

/*
 * Anchors (shared/anchor.ts) resolved against the server's own copy of a document: the
 * words each spans now, or null once they are gone, and where it starts (to order a list
 * by position). The ProseMirror view of the document is built once for the whole list.
 */

export interface ResolvedAnchor {
  /** The text between the two positions now; null when it was deleted (or never resolved). */
  text: string | null;
  /** ProseMirror position of the start; null when the start is not in the document. */
  from: number | null;
}

/** Whether both ends decode as Yjs relative positions (the API refuses anchors that do not). */
export function decodableAnchor(anchor: TextAnchor): boolean {
  try {
    Y.decodeRelativePosition(fromBase64(anchor.start));
    Y.decodeRelativePosition(fromBase64(anchor.end));
    return true;
  } catch {
    return false;
  }
}

/** `copy` is read through y-tiptap, which may repair what it reads: pass a copy, never the live document. */
export function resolveAnchors(copy: Y.Doc, anchors: readonly (TextAnchor | null)[]): ResolvedAnchor[] {
  const fragment = copy.getXmlFragment(documentFragment);
  const { doc, mapping } = initProseMirrorDoc(fragment, editorSchema());
  const absolute = (encoded: string): number | null => {
    try {
      const pos = relativePositionToAbsolutePosition(copy, fragment, Y.decodeRelativePosition(fromBase64(encoded)), mapping);
      return pos === null ? null : Math.max(0, Math.min(pos, doc.content.size));
    } catch {
      return null;
    }
  };
  return anchors.map((anchor) => {
    if (!anchor) return { text: null, from: null };
    const from = absolute(anchor.start);
    const to = absolute(anchor.end);
    if (from === null || to === null || to <= from) return { text: null, from };
    const text = doc.textBetween(from, to, ' ');
    return { text: text.trim() === '' ? null : text, from };
  });
}
