import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { documentExtensions, documentFragment } from '../../shared/editor/extensions.js';

/*
 * Turns the plain text of a source document into TipTap JSON: short lines without a
 * full stop become headings, "- " lines bullet lists, the rest paragraphs.
 */
export function plainTextToTiptap(text: string, title?: string): JSONContent {
  const content: JSONContent[] = [];
  if (title) content.push({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: title }] });
  let bullets: JSONContent[] = [];
  const flush = () => {
    if (bullets.length) content.push({ type: 'bulletList', content: bullets });
    bullets = [];
  };
  for (const raw of text.split(/\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('- ')) {
      bullets.push({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: line.slice(2) }] }] });
      continue;
    }
    flush();
    if (title && line === title) continue;
    const heading = line.length < 60 && !/[,;:]$/.test(line) && (!/[.]$/.test(line) || /^Steg \d+\.$/.test(line)) && !/^\d{4}-/.test(line);
    content.push(
      heading
        ? { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: line.replace(/\.$/, '') }] }
        : { type: 'paragraph', content: [{ type: 'text', text: line }] },
    );
  }
  flush();
  return { type: 'doc', content };
}

/** The Yjs update that creates this content in an empty document. */
export function tiptapToYUpdate(json: JSONContent): Uint8Array {
  const doc = prosemirrorJSONToYDoc(getSchema(documentExtensions()), json, documentFragment);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
