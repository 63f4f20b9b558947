import { createEffect, createMemo, on, onCleanup, untrack } from 'solid-js';
import type { LiveSection } from '../../../shared/live.js';
import { openLiveChannel } from './channel.js';

/*
 * Keeps a page's data of one document current. The channel opens from the seq the data
 * was read at, so a change committed after the read is announced and one before it is
 * already on screen: nothing is missed. Announcements that arrive together are handed
 * over once, as the set of sections they touched, so a burst costs one refetch per section.
 */

export interface FollowOptions {
  documentId: () => string | null | undefined;
  /** DocumentDetail.eventSeq of the data on screen; undefined while there is none. */
  seq: () => number | undefined;
  /** The sections that changed since the last call. */
  onChanged: (sections: ReadonlySet<LiveSection>) => void;
  /** The hub could not replay what was missed: refetch everything. */
  onReset: () => void;
  onClosed?: (code: number) => void;
}

export function followLive(o: FollowOptions): void {
  const openId = createMemo(() => (o.seq() === undefined ? null : (o.documentId() ?? null)));
  createEffect(
    on(openId, (id) => {
      if (!id) return;
      let pending: Set<LiveSection> | null = null;
      const channel = openLiveChannel(
        id,
        (e) => {
          if (pending) {
            pending.add(e.section);
            return;
          }
          pending = new Set([e.section]);
          setTimeout(() => {
            const sections = pending!;
            pending = null;
            if (!closed) o.onChanged(sections);
          }, 0);
        },
        () => o.onReset(),
        { since: untrack(o.seq), onClosed: o.onClosed },
      );
      let closed = false;
      onCleanup(() => {
        closed = true;
        channel.close();
      });
    }),
  );
}
