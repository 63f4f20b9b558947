import type { Updateable } from 'kysely';
import type { Database } from './database.js';

type Row<T extends keyof Database> = Updateable<Database[T]>;

/** The columns of the row that can hold the input field's value. */
type ColumnFor<R, V> = { [C in keyof R & string]-?: Exclude<V, undefined> extends R[C] ? C : never }[keyof R & string];

/**
 * Where each input field goes: a column name (the value is stored as given) or a
 * function for a field that becomes something else (a flag stored as 0/1, one field
 * setting two columns). Fields left out are not columns (attendees, clauses, …).
 */
export type PatchSpec<T extends keyof Database, I> = {
  [K in keyof I]?: ColumnFor<Row<T>, I[K]> | ((value: Exclude<I[K], undefined>) => Row<T>);
};

/**
 * A validated partial input as a Kysely update object for `table`: a field the caller
 * did not send (`undefined`) is left alone, `null` clears the column. The table name
 * only picks the row type, so a column spelt wrong or of the wrong type fails to compile.
 */
export function patchOf<T extends keyof Database, I extends object>(_table: T, input: I, spec: PatchSpec<T, I>): Row<T> {
  const patch: Record<string, unknown> = {};
  for (const [field, to] of Object.entries(spec) as [keyof I & string, string | ((value: unknown) => object)][]) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof to === 'function') Object.assign(patch, to(value));
    else patch[to] = value;
  }
  return patch as Row<T>;
}
