import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/*
 * The wire protocol of /collab/<documentId>: the standard y-websocket messages, plus
 * one message of our own ("saved") that only clients who ask for it ever receive, so
 * a stock WebsocketProvider never sees a type it does not know. Pure: the browser
 * client and the server both import this file.
 */

/** Standard y-websocket message types (first varuint of every frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Överens only: "your updates up to here are stored". Sent only with `?saved=1`. */
  saved: 100,
} as const;

/** Sub-types of a sync message (second varuint), as in y-protocols/sync. */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

/** Query parameter that opts a connection in to saved messages. */
export const savedParam = 'saved';

/**
 * The reason in the "permission denied" message when an edit is refused because the
 * agreement was adopted (its text is locked), not for a lack of rights: the editor says so.
 */
export const frozenDeniedReason = 'The agreement has been adopted: its text is locked.';

/**
 * True for frames that carry a document update (sync step 2 or update). The client counts
 * the frames it sends for which this holds; a saved message with count n means the first n
 * of them on this connection are stored (or needed no storing).
 */
export function carriesUpdate(frame: Uint8Array): boolean {
  return frame.length >= 2 && frame[0] === MessageType.sync && (frame[1] === SyncStep.step2 || frame[1] === SyncStep.update);
}

export function encodeSaved(count: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.saved);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}

/**
 * Reads the body of a saved message, for a provider message handler that has already read
 * the type: `provider.messageHandlers[MessageType.saved] = (_enc, dec) => onSaved(readSaved(dec))`.
 */
export function readSaved(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder);
}

/** Decodes a whole saved frame; null when the frame is something else. */
export function decodeSaved(frame: Uint8Array): number | null {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.saved) return null;
    return readSaved(decoder);
  } catch {
    return null;
  }
}
