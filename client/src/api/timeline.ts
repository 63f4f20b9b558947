import type { LiveSection } from '../../../shared/live.js';
import { call, enc, rpc } from './client.js';

/* A document's timeline: its audit entries, newest first, in pages. */

export interface TimelineFilter {
  kind: LiveSection | '';
  actor: string;
}

export function fetchTimeline(documentId: string, filter: TimelineFilter, before?: number) {
  const query: Record<string, string> = { limit: '30' };
  if (filter.kind) query.kind = filter.kind;
  if (filter.actor) query.actor = filter.actor;
  if (before) query.before = String(before);
  return call(rpc.documents[':id'].timeline.$get({ param: { id: enc(documentId) }, query }));
}
