import type { Editor } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { fromBase64, toBase64, type TextAnchor } from '../../../shared/anchor.js';

/*
 * Anchors on the text (shared/anchor.ts) from the editor's side: the selection as a pair
 * of Yjs relative positions, and back to a range of the editor's document. Both go
 * through the editor's own binding (its Y.Doc and fragment): a read-only editor's is the
 * shadow copy (read-only-doc.ts), whose items are the provider's, so what it encodes
 * resolves on the server too.
 */

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Parameters<typeof relativePositionToAbsolutePosition>[3];
}

function bindingOf(state: EditorState): Binding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: Binding | null } | undefined)?.binding;
  return binding && binding.mapping.size > 0 ? binding : null;
}

function encode(pos: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(pos));
}

/** The selected words as an anchor and their quote; null without a selection (or before the text has loaded). */
export function selectionAnchor(editor: Editor): { anchor: TextAnchor; quote: string } | null {
  const { state } = editor;
  const { from, to } = state.selection;
  const quote = state.doc.textBetween(from, to, ' ').trim();
  const binding = bindingOf(state);
  if (from === to || !quote || !binding) return null;
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition;
  // y-tiptap binds a position to the character before it; the start is bound to the span's first
  // character instead, so text typed just before the words stays outside the comment.
  const at = Y.createAbsolutePositionFromRelativePosition(start, binding.doc);
  const right = at ? Y.createRelativePositionFromTypeIndex(at.type, at.index, 0) : start;
  return { anchor: { start: encode(right), end: encode(end) }, quote: quote.length > 2000 ? `${quote.slice(0, 1999)}…` : quote };
}

/** Where the anchor's words are in the editor now; null when they are gone. */
export function anchorRange(editor: Editor, anchor: TextAnchor): { from: number; to: number } | null {
  return rangeIn(editor.state, anchor);
}

export function rangeIn(state: EditorState, anchor: TextAnchor): { from: number; to: number } | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  const absolute = (encoded: string) => {
    try {
      return relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(fromBase64(encoded)), binding.mapping);
    } catch {
      return null;
    }
  };
  const from = absolute(anchor.start);
  const to = absolute(anchor.end);
  const size = state.doc.content.size;
  if (from === null || to === null || to <= from || to > size) return null;
  return { from, to };
}
