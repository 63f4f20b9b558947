/*
 * What the forms and the API agree on without zod (the client bundle does not carry it):
 * the length limits of the text fields and what a date is. shared/schemas.ts validates with these.
 */

/**
 * The length limits of every text field, by field: the server validates with them and the
 * client's inputs carry them as `maxlength`, so both stop at the same number.
 */
export const limits = {
  name: 200,
  shortName: 50,
  orgNumber: 20,
  email: 254,
  password: 200,
  title: 300,
  reference: 100,
  summary: 5000,
  description: 10000,
  precondition: 2000,
  reportTo: 300,
  outcome: 10000,
  clause: 5000,
  preamble: 5000,
  location: 300,
  feedbackLocation: 500,
  feedback: 20000,
  comment: 20000,
  costLabel: 200,
  costNote: 1000,
  resource: 1000,
  financedBy: 300,
} as const;

/** Whether `value` is a day that exists in the calendar, written yyyy-mm-dd (no 2024-13-45, no 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
