import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { CommentDraft } from '../../api/comments.js';
import type { MentionablePerson } from '../../api/types.js';
import { errorText, t } from '../../i18n.js';

/*
 * Writing a comment or a reply, with @mentions: typing "@" and the start of a name
 * suggests the people of the document's parties (arrow keys, Enter or Tab to pick,
 * Escape to close). The body keeps "@Name" as written; the picked people whose "@Name"
 * is still in it go beside it as `mentions` (user ids), which the server checks.
 */

export interface ComposerProps {
  label: string;
  people: MentionablePerson[];
  initial?: CommentDraft;
  submitLabel: string;
  onSubmit: (draft: CommentDraft) => Promise<unknown>;
  onCancel?: () => void;
  autofocus?: boolean;
}

/** The "@query" being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|\s)@([\p{L}\p{N}-]*)$/u.exec(text.slice(0, caret));
  return match ? { start: caret - match[1]!.length - 1, query: match[1]!.toLowerCase() } : null;
}

export function Composer(props: ComposerProps) {
  const id = createUniqueId();
  let area!: HTMLTextAreaElement;
  const [body, setBody] = createSignal(props.initial?.body ?? '');
  const [picked, setPicked] = createSignal<string[]>(props.initial?.mentions ?? []);
  const [query, setQuery] = createSignal<{ start: number; query: string } | null>(null);
  const [highlight, setHighlight] = createSignal(0);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const suggestions = createMemo(() => {
    const q = query();
    if (!q) return [];
    return props.people.filter((p) => p.name.toLowerCase().split(/\s+/).some((part) => part.startsWith(q.query)) || p.name.toLowerCase().startsWith(q.query)).slice(0, 8);
  });

  const update = () => {
    setBody(area.value);
    setQuery(mentionQuery(area.value, area.selectionStart));
    setHighlight(0);
  };

  function pick(person: MentionablePerson) {
    const q = query();
    if (!q) return;
    const before = area.value.slice(0, q.start);
    const after = area.value.slice(area.selectionStart);
    const inserted = `@${person.name} `;
    area.value = before + inserted + after;
    const caret = before.length + inserted.length;
    area.setSelectionRange(caret, caret);
    setPicked((ids) => (ids.includes(person.id) ? ids : [...ids, person.id]));
    setBody(area.value);
    setQuery(null);
    area.focus();
  }

  async function submit() {
    const text = body().trim();
    if (!text || busy()) return;
    // Only those still named in the text are mentioned.
    const mentions = picked().filter((pid) => {
      const person = props.people.find((p) => p.id === pid);
      return person !== undefined && text.includes(`@${person.name}`);
    });
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit({ body: text, mentions });
      area.value = '';
      setBody('');
      setPicked([]);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    const list = suggestions();
    if (list.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setHighlight((i) => (i + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(list[highlight()]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setQuery(null);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && props.onCancel) {
      e.preventDefault();
      props.onCancel();
    }
  }

  return (
    <form
      class="comment-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label for={`${id}-body`}>{props.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {t('comments.mentionHint')}
      </p>
      <textarea
        id={`${id}-body`}
        ref={(el) => {
          area = el;
          if (props.autofocus) queueMicrotask(() => el.focus());
        }}
        rows={3}
        value={props.initial?.body ?? ''}
        aria-describedby={`${id}-hint`}
        aria-autocomplete="list"
        aria-controls={suggestions().length ? `${id}-people` : undefined}
        aria-activedescendant={suggestions().length ? `${id}-person-${highlight()}` : undefined}
        onInput={update}
        onClick={update}
        onKeyDown={onKeyDown}
      />
      <Show when={suggestions().length > 0}>
        <ul class="mention-suggestions" role="listbox" id={`${id}-people`} aria-label={t('comments.suggestions')}>
          <For each={suggestions()}>
            {(person, i) => (
              <li
                id={`${id}-person-${i()}`}
                role="option"
                aria-selected={i() === highlight() ? 'true' : 'false'}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(person);
                }}
              >
                {person.name} <span class="muted">({person.partyName})</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="comment-actions">
        <button type="submit" class="button primary" disabled={busy() || !body().trim()}>
          {props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="button secondary" onClick={() => props.onCancel?.()}>
            {t('comments.cancel')}
          </button>
        </Show>
      </div>
    </form>
  );
}
