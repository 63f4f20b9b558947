import { createEffect, createMemo, createSignal, on, onCleanup, untrack } from 'solid-js';
import type { LiveSection } from '../../../shared/live.js';
import { openLiveChannel } from './channel.js';

/*
 * Keeps fetched data of a document current: its live channel is opened from the seq
 * the data was read at, and whenever a change it shows is announced, the data is
 * fetched again, once, however many changes arrived meanwhile. Nothing is missed: a
 * change committed after the read is announced, one before it is already in the data.
 */

export interface LiveRefetchOptions {
  documentId: () => string | null | undefined;
  /** DocumentDetail.eventSeq of the data on screen; undefined while there is none. */
  seq: () => number | undefined;
  busy: () => boolean;
  refetch: () => void;
  /** Sections this page shows (default: all). */
  shows?: (section: LiveSection) => boolean;
  onClosed?: (code: number) => void;
}

export function liveRefetch(o: LiveRefetchOptions): void {
  const [wanted, setWanted] = createSignal(0);
  const openId = createMemo(() => (o.seq() === undefined ? null : (o.documentId() ?? null)));
  createEffect(
    on(openId, (id) => {
      if (!id) return;
      setWanted(0);
      const channel = openLiveChannel(
        id,
        (e) => {
          if (!o.shows || o.shows(e.section)) setWanted((w) => Math.max(w, e.seq));
        },
        () => o.refetch(),
        { since: untrack(o.seq), onClosed: o.onClosed },
      );
      onCleanup(() => channel.close());
    }),
  );
  createEffect(() => {
    const seq = o.seq();
    if (seq !== undefined && !o.busy() && seq < wanted()) untrack(o.refetch);
  });
}
