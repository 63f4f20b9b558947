import { isFinalClose } from '../../../shared/errors.js';
import { type LiveEvent, type LiveFrame, livePing, sinceParam } from '../../../shared/live.js';

/*
 * The live channel of a document page (docs/api.md, "Live channel"): every committed
 * change to the document's metadata, announced by the hub. It remembers the seq of the
 * last event and reconnects with ?since= it, so a dropped connection misses nothing;
 * when the hub cannot replay what was missed it says reset, and the page refetches.
 * A 44xx close (no session, no access, access revoked) is final.
 */

export interface LiveChannel {
  close(): void;
}

export interface LiveChannelOptions {
  /** The seq the page's data is as of (DocumentDetail.eventSeq): the first connect catches up from there. */
  since?: number;
  /** Told of a final close (44xx), e.g. 4411 when the session is gone. */
  onClosed?: (code: number) => void;
}

const firstRetryMs = 250;
const maxRetryMs = 30_000;
// Below the idle timeouts of common proxies, so a quiet channel stays open.
const keepAliveMs = 25_000;

function liveUrl(documentId: string, since: number | null): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const query = since === null ? '' : `?${sinceParam}=${since}`;
  return `${scheme}://${window.location.host}/live/${encodeURIComponent(documentId)}${query}`;
}

export function openLiveChannel(
  documentId: string,
  onEvent: (e: LiveEvent) => void,
  onReset: () => void,
  options: LiveChannelOptions = {},
): LiveChannel {
  let last: number | null = options.since ?? null;
  let socket: WebSocket | null = null;
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  const receive = (raw: unknown) => {
    if (typeof raw !== 'string') return;
    let frame: LiveFrame;
    try {
      frame = JSON.parse(raw) as LiveFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'event':
        if (last !== null && frame.event.seq <= last) return;
        last = frame.event.seq;
        onEvent(frame.event);
        break;
      case 'reset':
        last = frame.seq;
        onReset();
        break;
      case 'ready':
        retries = 0;
        last = Math.max(last ?? 0, frame.seq);
        break;
    }
  };

  const connect = () => {
    retryTimer = undefined;
    if (stopped) return;
    const ws = new WebSocket(liveUrl(documentId, last));
    socket = ws;
    ws.onmessage = (e) => receive(e.data);
    ws.onopen = () => {
      keepAlive = setInterval(() => {
        if (ws.readyState === WebSocket.OPEN) ws.send(livePing);
      }, keepAliveMs);
    };
    ws.onclose = (e) => {
      clearInterval(keepAlive);
      if (socket !== ws || stopped) return;
      socket = null;
      if (isFinalClose(e.code)) {
        stopped = true;
        options.onClosed?.(e.code);
        return;
      }
      const delay = Math.min(maxRetryMs, firstRetryMs * 2 ** retries++);
      retryTimer = setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
    };
  };

  // Back online: try now rather than at the end of the backoff.
  const online = () => {
    if (retryTimer === undefined || stopped) return;
    clearTimeout(retryTimer);
    connect();
  };
  window.addEventListener('online', online);
  connect();

  return {
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(keepAlive);
      window.removeEventListener('online', online);
      socket?.close(1000);
      socket = null;
    },
  };
}
