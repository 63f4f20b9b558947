import { getSchema, type JSONContent } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { documentExtensions, documentFragment } from '../../shared/editor/extensions.js';

/*
 * A Y.Doc seen through the editor's own schema, for publishing, search and
 * templates. Callers pass a copy: y-tiptap repairs (deletes) content that does
 * not fit the schema while it reads, and the live document changes only through
 * the durable path.
 */

let schema: Schema | null = null;

export function editorSchema(): Schema {
  schema ??= getSchema(documentExtensions());
  return schema;
}

export function toJson(copy: Y.Doc): JSONContent {
  return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(documentFragment), editorSchema()).toJSON() as JSONContent;
}

/** Plain text, one line per block. */
export function toText(copy: Y.Doc): string {
  const node = yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(documentFragment), editorSchema());
  return node.textBetween(0, node.content.size, '\n', '\n');
}

/** Turns the document into `json` with the smallest change y-tiptap finds (throws if `json` does not fit the schema). */
export function replaceContent(ydoc: Y.Doc, json: JSONContent): void {
  const node = editorSchema().nodeFromJSON(json);
  node.check();
  updateYFragment(ydoc, ydoc.getXmlFragment(documentFragment), node, { mapping: new Map(), isOMark: new Map() });
}
