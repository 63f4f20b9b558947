import { locale } from './runtime.js';

/* Dates: Swedish format in both languages (ISO dates are how Swedish documents write them). */

const dateFormat = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Stockholm' });
const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Stockholm',
});
const longDate = {
  sv: new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

function toDate(value: string | Date): Date | null {
  if (value instanceof Date) return value;
  // A bare date (YYYY-MM-DD) is a calendar day, not an instant: read it as noon UTC so no zone moves it.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2015-09-30 */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  return d ? dateFormat.format(d) : String(value);
}

/** 2015-09-30 14:05 */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  return d ? dateTimeFormat.format(d) : String(value);
}

/** 30 september 2015 */
export function formatLongDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  return d ? longDate[locale()].format(d) : String(value);
}

/** 5000 basis points → "50 %" */
export function formatPercent(basisPoints: number): string {
  const n = basisPoints / 100;
  return `${n.toLocaleString(locale() === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 })} %`;
}

/** 200 hundredths → "2,0" (full-time equivalents, written the Swedish way). */
export function formatFte(hundredths: number): string {
  return (hundredths / 100).toLocaleString('sv-SE', { minimumFractionDigits: 1 });
}
