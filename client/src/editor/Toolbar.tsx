import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import { t } from '../i18n.js';
import { createEditorTransaction } from './transaction.js';

/** Which formatting is active where the selection is; re-read after every transaction. */
function readState(ed: Editor) {
  return {
    paragraph: ed.isActive('paragraph'),
    h1: ed.isActive('heading', { level: 1 }),
    h2: ed.isActive('heading', { level: 2 }),
    h3: ed.isActive('heading', { level: 3 }),
    bold: ed.isActive('bold'),
    italic: ed.isActive('italic'),
    bulletList: ed.isActive('bulletList'),
    orderedList: ed.isActive('orderedList'),
    link: ed.isActive('link'),
    href: (ed.getAttributes('link').href as string | undefined) ?? '',
    table: ed.isActive('table'),
    canUndo: ed.can().undo(),
    canRedo: ed.can().redo(),
  };
}

const safeUrl = /^(https?:\/\/|mailto:)\S+$/i;

/**
 * The formatting toolbar: one tab stop, arrow keys move between buttons (WAI-ARIA
 * toolbar pattern); every button has a visible text label and toggles say aria-pressed.
 */
export function Toolbar(props: { editor: Editor }) {
  const state = createEditorTransaction(() => props.editor, readState, null);
  const [linkOpen, setLinkOpen] = createSignal(false);
  const [linkUrl, setLinkUrl] = createSignal('');
  const [linkError, setLinkError] = createSignal<string | null>(null);
  const linkId = createUniqueId();
  let bar!: HTMLDivElement;
  let linkInput: HTMLInputElement | undefined;

  const chain = () => props.editor.chain().focus();

  const buttons = () => Array.from(bar.querySelectorAll<HTMLButtonElement>('button:not([disabled])'));
  const roveTo = (target: HTMLButtonElement | undefined) => {
    if (!target) return;
    for (const b of bar.querySelectorAll<HTMLButtonElement>('button')) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  };
  // Exactly one enabled button is reachable with Tab, even as buttons come, go or are disabled.
  const ensureTabStop = () => {
    if (!bar) return;
    const enabled = buttons();
    if (!enabled.some((b) => b.tabIndex === 0)) {
      for (const b of bar.querySelectorAll<HTMLButtonElement>('button')) b.tabIndex = -1;
      if (enabled[0]) enabled[0].tabIndex = 0;
    }
  };
  createEffect(() => {
    state();
    queueMicrotask(ensureTabStop);
  });

  const onKeyDown: JSX.EventHandler<HTMLDivElement, KeyboardEvent> = (e) => {
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    let next: HTMLButtonElement | undefined;
    if (e.key === 'ArrowRight') next = all[(i + 1) % all.length];
    else if (e.key === 'ArrowLeft') next = all[(i - 1 + all.length) % all.length];
    else if (e.key === 'Home') next = all[0];
    else if (e.key === 'End') next = all[all.length - 1];
    else if (e.key === 'Escape') {
      e.preventDefault();
      props.editor.commands.focus();
      return;
    }
    if (next) {
      e.preventDefault();
      roveTo(next);
    }
  };
  const onFocusIn: JSX.EventHandler<HTMLDivElement, FocusEvent> = (e) => {
    const target = e.target as HTMLElement;
    if (target instanceof HTMLButtonElement) for (const b of bar.querySelectorAll<HTMLButtonElement>('button')) b.tabIndex = b === target ? 0 : -1;
  };

  const Btn = (p: { label: string; pressed?: boolean; disabled?: boolean; onClick: () => void; class?: string }) => (
    <button
      type="button"
      class={`tool ${p.class ?? ''}`}
      tabIndex={-1}
      aria-pressed={p.pressed === undefined ? undefined : p.pressed ? 'true' : 'false'}
      disabled={p.disabled}
      // Keep the editor's selection: act on mousedown without moving focus first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => p.onClick()}
    >
      {p.label}
    </button>
  );

  const openLink = () => {
    setLinkUrl(state()?.href ?? '');
    setLinkError(null);
    setLinkOpen(true);
    queueMicrotask(() => linkInput?.focus());
  };
  const applyLink = (e: SubmitEvent) => {
    e.preventDefault();
    const url = linkUrl().trim();
    if (!safeUrl.test(url)) {
      setLinkError(t('editor.linkInvalid'));
      return;
    }
    chain().extendMarkRange('link').setLink({ href: url }).run();
    setLinkOpen(false);
  };
  const removeLink = () => {
    chain().extendMarkRange('link').unsetLink().run();
    setLinkOpen(false);
  };

  return (
    <div class="toolbar-wrap">
      <div
        class="toolbar"
        role="toolbar"
        aria-label={t('editor.toolbar')}
        ref={(el) => {
          bar = el;
          queueMicrotask(ensureTabStop);
        }}
        onKeyDown={onKeyDown}
        onFocusIn={onFocusIn}
      >
        <div class="tool-group" role="group" aria-label={t('editor.paragraph')}>
          <Btn label={t('editor.paragraph')} pressed={state()?.paragraph} onClick={() => chain().setParagraph().run()} />
          <Btn label={t('editor.h1')} pressed={state()?.h1} onClick={() => chain().toggleHeading({ level: 1 }).run()} />
          <Btn label={t('editor.h2')} pressed={state()?.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()} />
          <Btn label={t('editor.h3')} pressed={state()?.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()} />
        </div>
        <div class="tool-group" role="group" aria-label={`${t('editor.bold')} / ${t('editor.italic')}`}>
          <Btn label={t('editor.bold')} class="tool-bold" pressed={state()?.bold} onClick={() => chain().toggleBold().run()} />
          <Btn label={t('editor.italic')} class="tool-italic" pressed={state()?.italic} onClick={() => chain().toggleItalic().run()} />
        </div>
        <div class="tool-group" role="group" aria-label={`${t('editor.bulletList')} / ${t('editor.orderedList')}`}>
          <Btn label={t('editor.bulletList')} pressed={state()?.bulletList} onClick={() => chain().toggleBulletList().run()} />
          <Btn label={t('editor.orderedList')} pressed={state()?.orderedList} onClick={() => chain().toggleOrderedList().run()} />
        </div>
        <div class="tool-group" role="group" aria-label={t('editor.link')}>
          <Btn label={t('editor.link')} pressed={state()?.link} onClick={openLink} />
        </div>
        <div class="tool-group" role="group" aria-label={t('editor.tableGroup')}>
          <Btn label={t('editor.table')} disabled={state()?.table} onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} />
          <Show when={state()?.table}>
            <Btn label={t('editor.addRow')} onClick={() => chain().addRowAfter().run()} />
            <Btn label={t('editor.addColumn')} onClick={() => chain().addColumnAfter().run()} />
            <Btn label={t('editor.deleteRow')} onClick={() => chain().deleteRow().run()} />
            <Btn label={t('editor.deleteColumn')} onClick={() => chain().deleteColumn().run()} />
            <Btn label={t('editor.deleteTable')} onClick={() => chain().deleteTable().run()} />
          </Show>
        </div>
        <div class="tool-group" role="group" aria-label={`${t('editor.undo')} / ${t('editor.redo')}`}>
          <Btn label={t('editor.undo')} disabled={!state()?.canUndo} onClick={() => chain().undo().run()} />
          <Btn label={t('editor.redo')} disabled={!state()?.canRedo} onClick={() => chain().redo().run()} />
        </div>
      </div>
      <Show when={linkOpen()}>
        <form
          class="link-form"
          onSubmit={applyLink}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setLinkOpen(false);
              props.editor.commands.focus();
            }
          }}
        >
          <label for={linkId}>{t('editor.linkUrl')}</label>
          <input
            id={linkId}
            ref={(el) => (linkInput = el)}
            type="url"
            inputMode="url"
            value={linkUrl()}
            placeholder="https://"
            aria-invalid={linkError() ? 'true' : undefined}
            aria-describedby={linkError() ? `${linkId}-error` : undefined}
            onInput={(e) => setLinkUrl(e.currentTarget.value)}
          />
          <button type="submit" class="button primary small">
            {t('editor.linkApply')}
          </button>
          <Show when={state()?.link}>
            <button type="button" class="button secondary small" onClick={removeLink}>
              {t('editor.unlink')}
            </button>
          </Show>
          <button
            type="button"
            class="button secondary small"
            onClick={() => {
              setLinkOpen(false);
              props.editor.commands.focus();
            }}
          >
            {t('doc.cancel')}
          </button>
          <Show when={linkError()}>
            <p class="field-error" id={`${linkId}-error`}>
              {linkError()}
            </p>
          </Show>
        </form>
      </Show>
    </div>
  );
}
