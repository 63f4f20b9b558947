import type { Editor } from '@tiptap/core';
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n.js';

/*
 * The selection bubble: over selected text, "Comment" and "Feedback" for those who may
 * comment, also in a read-only editor (a commenter reads the text but comments on it).
 */

export interface SelectionBubbleProps {
  editor: Editor;
  onComment: () => void;
  onFeedback: () => void;
}

export function SelectionBubble(props: SelectionBubbleProps) {
  const [at, setAt] = createSignal<{ top: number; left: number } | null>(null);

  const place = () => {
    const { state, view } = props.editor;
    const { from, to, empty } = state.selection;
    if (empty || props.editor.isDestroyed || !state.doc.textBetween(from, to, ' ').trim()) return setAt(null);
    try {
      const start = view.coordsAtPos(from);
      setAt({ top: Math.max(4, start.top - 44), left: Math.max(4, start.left) });
    } catch {
      setAt(null);
    }
  };

  onMount(() => {
    props.editor.on('selectionUpdate', place);
    props.editor.on('transaction', place);
    window.addEventListener('scroll', place, true);
    onCleanup(() => {
      props.editor.off('selectionUpdate', place);
      props.editor.off('transaction', place);
      window.removeEventListener('scroll', place, true);
    });
  });

  return (
    <Show when={at()}>
      {(pos) => (
        <div class="selection-bubble" role="toolbar" aria-label={t('comments.bubble')} style={{ top: `${pos().top}px`, left: `${pos().left}px` }}>
          {/* mousedown would take the selection away before the click */}
          <button type="button" class="button primary" onMouseDown={(e) => e.preventDefault()} onClick={() => props.onComment()}>
            {t('comments.comment')}
          </button>
          <button type="button" class="button secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => props.onFeedback()}>
            {t('comments.feedback')}
          </button>
        </div>
      )}
    </Show>
  );
}
