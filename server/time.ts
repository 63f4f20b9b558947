/** Timestamps are stored as ISO-8601 UTC strings in both dialects. */
export function now(): string {
  return new Date().toISOString();
}

export function inFuture(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

export function newId(): string {
  return crypto.randomUUID();
}
