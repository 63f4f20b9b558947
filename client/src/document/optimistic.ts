/*
 * Optimistic updates: show the change at once, send it, and on failure put back what
 * was there before. On success the server's answer (`commit`) replaces the guess.
 */

export type OptimisticResult<R> = { ok: true; result: R } | { ok: false; error: unknown };

export async function optimisticUpdate<S, R>(opts: {
  get: () => S | undefined;
  set: (value: S) => void;
  apply: (current: S) => S;
  request: () => Promise<R>;
  commit?: (current: S, result: R) => S;
  /** Undo just this change on a value that has moved on since (another update landed meanwhile). */
  revert?: (current: S) => S;
}): Promise<OptimisticResult<R>> {
  const before = opts.get();
  if (before === undefined) return { ok: false, error: new Error('nothing loaded') };
  const guessed = opts.apply(before);
  opts.set(guessed);
  try {
    const result = await opts.request();
    const now = opts.get();
    if (opts.commit && now !== undefined) opts.set(opts.commit(now, result));
    return { ok: true, result };
  } catch (error) {
    const now = opts.get();
    if (now === guessed || now === undefined || !opts.revert) opts.set(before);
    else opts.set(opts.revert(now));
    return { ok: false, error };
  }
}
