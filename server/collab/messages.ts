import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { encodeSaved, MessageType, SyncStep } from '../../shared/collab-protocol.js';
import type { CloseCodeName } from '../../shared/errors.js';

/*
 * Bytes in, bytes out. Every incoming frame is decoded completely here, before
 * anything acts on it, so a truncated or forged frame fails in one place with
 * the close code that names what was wrong with it.
 */

export class ProtocolError extends Error {
  constructor(readonly closeCode: CloseCodeName, detail: string) {
    super(detail);
  }
}

export interface DecodedUpdate {
  structs: Array<Y.Item | Y.GC | Y.Skip>;
  ds: { clients: Map<number, Array<{ clock: number; len: number }>> };
}

/** One client's entry in an awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** Parsed JSON state; null removes the client id. */
  state: unknown;
}

export type Incoming =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'update'; step: 'step2' | 'update'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' };

export function decodeIncoming(frame: Uint8Array): Incoming {
  if (frame.length === 0) throw new ProtocolError('malformedMessage', 'empty frame');
  const decoder = decoding.createDecoder(frame);
  const type = read(() => decoding.readVarUint(decoder));
  let message: Incoming;
  switch (type) {
    case MessageType.sync: {
      const step = read(() => decoding.readVarUint(decoder));
      if (step === SyncStep.step1) {
        const stateVector = read(() => decoding.readVarUint8Array(decoder));
        read(() => Y.decodeStateVector(stateVector));
        message = { kind: 'syncStep1', stateVector };
      } else if (step === SyncStep.step2 || step === SyncStep.update) {
        const update = read(() => decoding.readVarUint8Array(decoder));
        message = { kind: 'update', step: step === SyncStep.step2 ? 'step2' : 'update', update, decoded: decodeUpdate(update) };
      } else {
        throw new ProtocolError('unknownMessageType', `sync sub-type ${step}`);
      }
      break;
    }
    case MessageType.awareness: {
      const update = read(() => decoding.readVarUint8Array(decoder));
      message = { kind: 'awareness', entries: read(() => decodeAwareness(update)) };
      break;
    }
    case MessageType.queryAwareness:
      message = { kind: 'queryAwareness' };
      break;
    default:
      // Includes auth and saved: the server sends those, a client never does.
      throw new ProtocolError('unknownMessageType', `message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('malformedMessage', 'trailing bytes');
  return message;
}

function read<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new ProtocolError('malformedMessage', `truncated or garbled frame: ${(err as Error).message}`);
  }
}

/** Full decode of a Yjs v1 update: this is the validation that keeps poison out of the log. */
export function decodeUpdate(update: Uint8Array): DecodedUpdate {
  let decoded: DecodedUpdate;
  try {
    decoded = Y.decodeUpdate(update) as unknown as DecodedUpdate;
  } catch (err) {
    throw new ProtocolError('invalidUpdate', `undecodable update: ${(err as Error).message}`);
  }
  for (const struct of decoded.structs) {
    // Subdocuments are not part of the editor schema; loading them on the server would only cost memory.
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentDoc) {
      throw new ProtocolError('invalidUpdate', 'subdocuments are not accepted');
    }
  }
  return decoded;
}

/** The layout y-protocols writes, read (and its JSON parsed) once: everything after works on the entries. */
function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) as unknown });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in the awareness update');
  return entries;
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encode = {
  syncStep1: (doc: Y.Doc) =>
    message((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep1(e, doc);
    }),
  syncStep2: (doc: Y.Doc, stateVector: Uint8Array) =>
    message((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep2(e, doc, stateVector);
    }),
  /** Sync step 2 carrying an already encoded state (what writeSyncStep2 writes for an empty state vector). */
  syncStep2FromState: (state: Uint8Array) =>
    message((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      encoding.writeVarUint(e, SyncStep.step2);
      encoding.writeVarUint8Array(e, state);
    }),
  update: (update: Uint8Array) =>
    message((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeUpdate(e, update);
    }),
  awareness: (update: Uint8Array) =>
    message((e) => {
      encoding.writeVarUint(e, MessageType.awareness);
      encoding.writeVarUint8Array(e, update);
    }),
  awarenessStates: (awareness: awarenessProtocol.Awareness) =>
    encode.awareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()])),
  permissionDenied: (reason: string) =>
    message((e) => {
      encoding.writeVarUint(e, MessageType.auth);
      authProtocol.writePermissionDenied(e, reason);
    }),
  saved: encodeSaved,
};
