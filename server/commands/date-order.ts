import { fail } from '../errors.js';

/*
 * A patch may move one end of a date range: the schema cannot see the stored other end,
 * so the command checks the range as it will be stored. The field named is the one the
 * patch sent (the end, when it sent both).
 */

type Dates<K extends string> = { [F in K]?: string | null };

export function requireDateOrder<K extends string>(patch: Dates<K>, stored: Dates<K>, start: K, end: K): void {
  const from = patch[start] !== undefined ? patch[start] : stored[start];
  const to = patch[end] !== undefined ? patch[end] : stored[end];
  if (!from || !to || to >= from) return;
  const path = patch[end] !== undefined ? end : start;
  const other = path === end ? start : end;
  fail('validation', `${end} must not be before ${start}.`, [{ path, message: `Must not be ${path === end ? 'before' : 'after'} ${other}.` }]);
}
