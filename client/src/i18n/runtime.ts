import { createRoot, createSignal } from 'solid-js';
import { CloseCodes, type CloseCodeName } from '../../../shared/errors.js';
import { en } from './en.js';
import { sv, type MessageKey } from './sv.js';

/*
 * The language and the strings: `t('key', { n: 2 })` fills {n}-style placeholders in
 * the current language's table (sv.ts, en.ts).
 */

export type { MessageKey };

export const messages = { sv, en } as const;
export type Locale = keyof typeof messages;
export const locales: Locale[] = ['sv', 'en'];

const storageKey = 'overens.locale';

function initialLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    if (stored === 'sv' || stored === 'en') return stored;
  } catch {
    // storage may be off; Swedish it is
  }
  return 'sv';
}

const [locale, setLocaleSignal] = createRoot(() => createSignal<Locale>(initialLocale()));
export { locale };

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    globalThis.localStorage?.setItem(storageKey, next);
  } catch {
    // not kept across reloads, then
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en';
}

/** The string for `key` in the current language, with {placeholders} filled in. Reactive. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(locale(), key, params);
}

export function translate(lang: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[lang][key] ?? messages.sv[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** An ApiError (or anything thrown) as a sentence in the current language. */
export function errorText(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const key = `error.${code}`;
    if (key in sv) return t(key as MessageKey);
  }
  return t('error.generic');
}

// The first name of each code: documentFrozen shares forbidden's code and is told apart by its reason.
const closeNames: Record<number, CloseCodeName> = {};
for (const [name, c] of Object.entries(CloseCodes)) closeNames[c.code] ??= name as CloseCodeName;
const closeByReason = new Map<string, CloseCodeName>([[CloseCodes.documentFrozen.reason, 'documentFrozen']]);

/** Why the server ended the live connection, from its close code (and reason, where one code has several). */
export function closeText(code: number | null, reason?: string): string {
  const name = (reason !== undefined ? closeByReason.get(reason) : undefined) ?? (code === null ? undefined : closeNames[code]);
  return name ? t(`conn.close.${name}`, { code: code ?? 0 }) : t('conn.close.other', { code: code ?? 0 });
}
