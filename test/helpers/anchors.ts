import { absolutePositionToRelativePosition, initProseMirrorDoc } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { toBase64, type TextAnchor } from '../../shared/anchor.js';
import { documentFragment } from '../../shared/editor/extensions.js';
import { editorSchema } from '../../server/collab/content.js';

/*
 * Anchors made the way the browser makes them (client/src/editor/anchors.ts): the words'
 * ProseMirror range turned into Yjs relative positions in the document's fragment, the
 * start bound to the first character, the end to the last.
 */

/** The anchor on the first occurrence of `words` in the document's text. */
export function anchorOn(ydoc: Y.Doc, words: string): TextAnchor {
  const fragment = ydoc.getXmlFragment(documentFragment);
  const { doc, mapping } = initProseMirrorDoc(fragment, editorSchema());
  let from = -1;
  doc.descendants((node, pos) => {
    if (from >= 0 || !node.isText) return from < 0;
    const at = node.text!.indexOf(words);
    if (at >= 0) from = pos + at;
    return false;
  });
  if (from < 0) throw new Error(`"${words}" is not in the document`);
  const start = absolutePositionToRelativePosition(from, fragment, mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(from + words.length, fragment, mapping) as Y.RelativePosition;
  // y-tiptap binds a position to the character before it; the start belongs to the first one of the span.
  const abs = Y.createAbsolutePositionFromRelativePosition(start, ydoc)!;
  const right = Y.createRelativePositionFromTypeIndex(abs.type, abs.index, 0);
  return { start: toBase64(Y.encodeRelativePosition(right)), end: toBase64(Y.encodeRelativePosition(end)) };
}

/** A document of paragraphs, as a Yjs update the server can apply (so tests anchor on the same items). */
export function paragraphsDoc(paragraphs: string[]): Y.Doc {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment(documentFragment);
  fragment.insert(
    0,
    paragraphs.map((text) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    }),
  );
  return ydoc;
}
