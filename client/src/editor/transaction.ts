import type { Editor } from '@tiptap/core';
import { createEffect, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';

/*
 * Editor state as a Solid signal: `read(editor)` runs again after every transaction
 * (solid-tiptap's createEditorTransaction). Equal results do not notify.
 */
export function createEditorTransaction<T>(editor: Accessor<Editor | null>, read: (editor: Editor) => T, fallback: T): Accessor<T> {
  const [version, setVersion] = createSignal(0);
  createEffect(() => {
    const ed = editor();
    if (!ed) return;
    const bump = () => setVersion((v) => v + 1);
    ed.on('transaction', bump);
    ed.on('focus', bump);
    ed.on('blur', bump);
    onCleanup(() => {
      ed.off('transaction', bump);
      ed.off('focus', bump);
      ed.off('blur', bump);
    });
    bump();
  });
  return createMemo(() => {
    version();
    const ed = editor();
    return ed && !ed.isDestroyed ? read(ed) : fallback;
  });
}
