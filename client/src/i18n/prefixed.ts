/** `{ notFound: 'x' }` with prefix `error.` → `{ 'error.notFound': 'x' }`, typed key by key. */
export function prefixed<P extends string, K extends string>(prefix: P, table: Record<K, string>): Record<`${P}${K}`, string> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}${k}`, v])) as Record<`${P}${K}`, string>;
}
