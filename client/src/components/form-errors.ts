import { createSignal } from 'solid-js';
import { ApiError, Codes } from '../api/client.js';
import { errorText, t } from '../i18n.js';

/*
 * A 400 `validation` answer names its fields (`details: [{ path, message }]`): the form
 * marks each of them (aria-invalid, the message beside it) and moves the focus to the
 * first. Paths are the server's (`endsOn`, `clauses.1.text`).
 */

export type FieldErrors = Readonly<Record<string, string>>;

/** The server's English messages that have a Swedish (or English) wording of their own. */
function wording(message: string): string {
  if (/^Must not be (before|after)/.test(message)) return t('form.dateOrder');
  if (/real date|YYYY-MM-DD/i.test(message)) return t('form.badDate');
  if (/too big|at most|<=/i.test(message)) return t('form.tooLong');
  if (/too small|>=1|required/i.test(message)) return t('form.required');
  return message;
}

export function fieldErrorsOf(err: unknown): FieldErrors {
  if (!(err instanceof ApiError) || err.code !== Codes.validation || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details as { path?: unknown; message?: unknown }[]) {
    if (typeof d.path === 'string' && typeof d.message === 'string' && !(d.path in out)) out[d.path] = wording(d.message);
  }
  return out;
}

/** Focus the form's first marked field once the marks are on screen. */
export function focusFirstInvalid(form: HTMLElement | undefined): void {
  queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/** A form's error state: the message at the top and the field marks, both from one failure. */
export function createFormErrors() {
  const [fields, setFields] = createSignal<FieldErrors>({});
  const [message, setMessage] = createSignal<string | null>(null);
  let form: HTMLElement | undefined;
  const show = (err: unknown, text: string) => {
    setFields(fieldErrorsOf(err));
    setMessage(text);
    focusFirstInvalid(form);
  };
  return {
    ref: (el: HTMLElement) => (form = el),
    field: (path: string) => fields()[path] ?? null,
    message,
    clear: () => {
      setFields({});
      setMessage(null);
    },
    show,
    /** Runs a submission: a refusal marks the form (message and fields) instead of escaping. */
    attempt: async (run: () => Promise<void>) => {
      try {
        await run();
      } catch (err) {
        show(err, errorText(err));
      }
    },
  };
}
