import { type Expression, type RawBuilder, sql } from 'kysely';

/*
 * Case-insensitive "contains" that behaves the same on both dialects. SQLite's lower()
 * folds only ASCII and PostgreSQL's LIKE is case-sensitive, so both sides are folded
 * here, including the capitals Swedish (and Nordic) text uses.
 */

const capitals = [...'ÅÄÖÆØÉÈÜ'].map((c) => [c, c.toLowerCase()] as const);

/** lower(expr) with the non-ASCII capitals above folded too; null as ''. */
export function folded(expr: Expression<string | null>): RawBuilder<string> {
  let e: RawBuilder<unknown> = sql`coalesce(${expr}, '')`;
  for (const [upper, lower] of capitals) e = sql`replace(${e}, ${sql.lit(upper)}, ${sql.lit(lower)})`;
  return sql<string>`lower(${e})`;
}

/** True where `expr` contains `q`, ignoring case; LIKE's wildcards in `q` match only themselves. */
export function containsText(expr: Expression<string | null>, q: string): RawBuilder<boolean> {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql<boolean>`${folded(expr)} like ${pattern} escape '\\'`;
}
