import { api } from './client.js';
import type { DocumentDetail } from './types.js';

/*
 * When the app opens straight on a document, its metadata is asked for at once, in
 * parallel with the session check and the editor chunk, and handed to the page when it
 * mounts. A prefetch that failed or grew old is ignored (the page asks again).
 */

const maxAgeMs = 10_000;
const prefetched = new Map<string, { at: number; promise: Promise<DocumentDetail> }>();

export function documentUrl(id: string): string {
  return `/documents/${encodeURIComponent(id)}`;
}

export function prefetchDocument(id: string): void {
  const promise = api.get<DocumentDetail>(documentUrl(id));
  promise.catch(() => prefetched.delete(id));
  prefetched.set(id, { at: Date.now(), promise });
}

export async function loadDocument(id: string): Promise<DocumentDetail> {
  const early = prefetched.get(id);
  prefetched.delete(id);
  if (early && Date.now() - early.at < maxAgeMs) {
    try {
      return await early.promise;
    } catch {
      // fall through: ask again, and report that answer
    }
  }
  return api.get<DocumentDetail>(documentUrl(id));
}
