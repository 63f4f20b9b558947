import { createComputed, createResource, onCleanup, type Resource } from 'solid-js';

/*
 * The query cache: one answer per key, shared by every component that asks for it.
 * A request in flight is shared too, so two components mounting together cause one
 * fetch. An answer is reused for `staleMs` (0: every new query asks again, but still
 * shows what is cached meanwhile); mutations write their result in with setQueryData
 * and every mounted query of that key follows.
 */

interface Entry {
  has: boolean;
  value: unknown;
  at: number;
  pending: Promise<unknown> | null;
  listeners: Set<(value: unknown) => void>;
}

const entries = new Map<string, Entry>();

function entry(key: string): Entry {
  let e = entries.get(key);
  if (!e) entries.set(key, (e = { has: false, value: undefined, at: 0, pending: null, listeners: new Set() }));
  return e;
}

export interface QueryOptions {
  /** How long an answer is reused without asking the hub again (ms). */
  staleMs?: number;
}

function fresh(e: Entry, staleMs: number): boolean {
  return e.has && Date.now() - e.at < staleMs;
}

/** The answer for `key`: shared while in flight, reused while fresh, else fetched with `load`. */
export function fetchQuery<T>(key: string, load: () => Promise<T>, opts: QueryOptions & { force?: boolean } = {}): Promise<T> {
  const e = entry(key);
  if (!opts.force) {
    if (e.pending) return e.pending as Promise<T>;
    if (fresh(e, opts.staleMs ?? 0)) return Promise.resolve(e.value as T);
  }
  const pending: Promise<T> = load().then(
    (value) => {
      // A later request for the same key wins: an older answer does not overwrite it.
      if (e.pending === pending) {
        e.pending = null;
        setQueryData(key, value);
      }
      return value;
    },
    (error: unknown) => {
      if (e.pending === pending) e.pending = null;
      throw error;
    },
  );
  e.pending = pending;
  return pending;
}

export function getQueryData<T>(key: string): T | undefined {
  return entries.get(key)?.value as T | undefined;
}

/** Puts an answer (a mutation's result, an optimistic guess) in the cache; mounted queries follow. */
export function setQueryData<T>(key: string, value: T): void {
  const e = entry(key);
  e.has = true;
  e.value = value;
  e.at = Date.now();
  for (const listener of [...e.listeners]) listener(value);
}

/** Forgets every answer (a new or no session): the next query asks again. Mounted queries keep what they show. */
export function clearQueries(): void {
  for (const e of entries.values()) {
    e.has = false;
    e.value = undefined;
    e.pending = null;
  }
}

function subscribe(key: string, listener: (value: unknown) => void): () => void {
  const e = entry(key);
  e.listeners.add(listener);
  return () => e.listeners.delete(listener);
}

export interface Query<T> {
  resource: Resource<T>;
  /** Asks the hub again, even when the answer is fresh (a failure shows as the resource's error). */
  refetch: () => Promise<void>;
  /** Replaces the cached answer (and so what every query of the key shows). */
  set: (value: T) => void;
}

/**
 * A Solid resource over the cache. `key` returning null means "nothing to ask yet".
 * A fresh cached answer is given synchronously, so a revisited page does not flash "Laddar…".
 */
export function createQuery<T>(key: () => string | null, load: (key: string) => Promise<T>, opts: QueryOptions = {}): Query<T> {
  const [resource, { mutate, refetch }] = createResource(key, (k, info): T | Promise<T> => {
    const e = entry(k);
    if (!info.refetching && !e.pending && fresh(e, opts.staleMs ?? 0)) return e.value as T;
    return fetchQuery(k, () => load(k), { ...opts, force: info.refetching !== false });
  });
  let unsubscribe: (() => void) | null = null;
  createComputed(() => {
    const k = key();
    unsubscribe?.();
    unsubscribe = k ? subscribe(k, (value) => mutate(() => value as T)) : null;
  });
  onCleanup(() => unsubscribe?.());
  return {
    resource,
    refetch: () =>
      Promise.resolve(refetch()).then(
        () => undefined,
        () => undefined,
      ),
    set: (value: T) => {
      const k = key();
      if (k) setQueryData(k, value);
      else mutate(() => value);
    },
  };
}
