import { createEffect, createUniqueId, For, Show, splitProps, type JSX } from 'solid-js';
import type { DocumentStatus } from '../api/types.js';
import { t } from '../i18n.js';

/* Small accessible building blocks: every control has a visible label, errors are tied to their field. */

type InputProps = JSX.InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string | null; hint?: string };

export function TextField(props: InputProps) {
  const [local, input] = splitProps(props, ['label', 'error', 'hint', 'id']);
  const id = local.id ?? createUniqueId();
  const described = () => [local.hint ? `${id}-hint` : '', local.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{local.label}</label>
      <Show when={local.hint}>
        <p class="hint" id={`${id}-hint`}>
          {local.hint}
        </p>
      </Show>
      <input id={id} aria-invalid={local.error ? 'true' : undefined} aria-describedby={described()} {...input} />
      <Show when={local.error}>
        <p class="field-error" id={`${id}-error`}>
          {local.error}
        </p>
      </Show>
    </div>
  );
}

type TextAreaProps = JSX.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string | null };

export function TextArea(props: TextAreaProps) {
  const [local, input] = splitProps(props, ['label', 'error', 'id']);
  const id = local.id ?? createUniqueId();
  return (
    <div class="field">
      <label for={id}>{local.label}</label>
      <textarea id={id} aria-invalid={local.error ? 'true' : undefined} aria-describedby={local.error ? `${id}-error` : undefined} {...input} />
      <Show when={local.error}>
        <p class="field-error" id={`${id}-error`}>
          {local.error}
        </p>
      </Show>
    </div>
  );
}

type SelectProps = JSX.SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: { value: string; label: string }[];
  error?: string | null;
};

/**
 * The one select: it shows the stored `value`. A <select>'s value set before its options
 * exist falls back to the first option (a stage in progress showed "Planerat"), so each
 * option carries `selected`, and the value is put again once the options are there.
 */
export function SelectField(props: SelectProps) {
  const [local, select] = splitProps(props, ['label', 'options', 'error', 'id', 'value']);
  const id = local.id ?? createUniqueId();
  let el!: HTMLSelectElement;
  // Runs again when the options change too: a new list may hold the stored value only now.
  createEffect(() => {
    const value = local.value === undefined ? undefined : String(local.value);
    if (local.options.length > 0 && value !== undefined && el.value !== value) el.value = value;
  });
  return (
    <div class="field">
      <label for={id}>{local.label}</label>
      <select
        ref={el}
        id={id}
        aria-invalid={local.error ? 'true' : undefined}
        aria-describedby={local.error ? `${id}-error` : undefined}
        {...select}
      >
        <For each={local.options}>
          {(o) => (
            <option value={o.value} selected={local.value !== undefined && o.value === String(local.value)}>
              {o.label}
            </option>
          )}
        </For>
      </select>
      <Show when={local.error}>
        <p class="field-error" id={`${id}-error`}>
          {local.error}
        </p>
      </Show>
    </div>
  );
}

/** A message that screen readers announce at once. */
export function Alert(props: { kind?: 'error' | 'info' | 'success'; children: JSX.Element }) {
  return (
    <div class={`alert alert-${props.kind ?? 'error'}`} role={props.kind === 'error' || !props.kind ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      {props.label ?? t('app.loading')}
    </p>
  );
}

export function StatusBadge(props: { status: DocumentStatus }) {
  return <span class={`badge badge-${props.status}`}>{t(`status.${props.status}`)}</span>;
}

/** Initials for an avatar: "Anna Berg" → "AB". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0]!.charAt(0);
  const last = parts.length > 1 ? parts[parts.length - 1]!.charAt(0) : '';
  return (first + last).toUpperCase();
}
