import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { TextAnchor } from '../../../shared/anchor.js';
import { rangeIn } from './anchors.js';

/*
 * The commented spans, highlighted for everyone as editor decorations: never marks in the
 * document, so comments change neither the text nor its approvals or hash. Each span is
 * placed from its thread's anchor through the Yjs binding; the set is rebuilt when the
 * threads change or a change arrives through Yjs (the binding's mapping is current
 * then), and mapped through the editor's own local changes in between.
 */

export interface AnchoredThread {
  id: string;
  anchor: TextAnchor;
}

interface State {
  threads: AnchoredThread[];
  active: string | null;
  set: DecorationSet;
}

const key = new PluginKey<State>('commentDecorations');

function build(state: EditorState, threads: AnchoredThread[], active: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of threads) {
    const range = rangeIn(state, thread.anchor);
    if (!range) continue;
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        { class: thread.id === active ? 'comment-anchor active' : 'comment-anchor', 'data-thread': thread.id },
        { threadId: thread.id },
      ),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

function fromYjs(tr: Transaction): boolean {
  return Boolean((tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin);
}

/** The innermost highlighted thread at a position. */
function threadAt(state: EditorState, pos: number): string | undefined {
  const found = key.getState(state)?.set.find(pos, pos) ?? [];
  return (found.at(-1)?.spec as { threadId?: string } | undefined)?.threadId;
}

export interface CommentDecorationsOptions {
  /** A highlighted span was clicked: open its thread. */
  onOpen: (threadId: string) => void;
}

export const CommentDecorations = Extension.create<CommentDecorationsOptions>({
  name: 'commentDecorations',
  addOptions: () => ({ onOpen: () => {} }),
  addKeyboardShortcuts() {
    return {
      // The keyboard's "click on the words": open the thread of the highlighted span at the caret.
      'Mod-Alt-Enter': () => {
        const { state } = this.editor;
        const pos = state.selection.from;
        const id = threadAt(state, pos);
        if (!id) return false;
        this.options.onOpen(id);
        return true;
      },
    };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<State>({
        key,
        state: {
          init: () => ({ threads: [], active: null, set: DecorationSet.empty }),
          apply(tr, value, _old, state) {
            const next = tr.getMeta(key) as Partial<Pick<State, 'threads' | 'active'>> | undefined;
            if (next || fromYjs(tr)) {
              const threads = next?.threads ?? value.threads;
              const active = next && 'active' in next ? (next.active ?? null) : value.active;
              return { threads, active, set: build(state, threads, active) };
            }
            return tr.docChanged ? { ...value, set: value.set.map(tr.mapping, tr.doc) } : value;
          },
        },
        props: {
          decorations: (state) => key.getState(state)?.set,
          handleClick(view, pos) {
            const id = threadAt(view.state, pos);
            if (!id) return false;
            options.onOpen(id);
            return false;
          },
        },
      }),
    ];
  },
});

/** Shows these threads' spans, one of them as the open one. */
export function showCommentAnchors(editor: Editor, threads: AnchoredThread[], active: string | null): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(key, { threads, active }).setMeta('addToHistory', false));
}
