import { z } from 'zod';

/*
 * Where a comment or a feedback item sits in the text: a pair of Yjs relative positions
 * in the editor's fragment (Y.encodeRelativePosition, base64) plus the quoted words. The
 * positions follow their characters while others type; the quote is what the text said
 * when the anchor was made, shown once those characters are gone. Pure: btoa/atob exist
 * in browsers and in Node.
 */

export interface TextAnchor {
  start: string;
  end: string;
}

/** An encoded relative position is a few dozen bytes; this leaves room and refuses junk. */
const maxEncodedLength = 400;
const base64 = z
  .string()
  .min(4)
  .max(maxEncodedLength)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Expected base64.');

export const anchorInput = z.object({ start: base64, end: base64 }).strict();

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The form kept in the database's `anchor` column. */
export function storeAnchor(anchor: TextAnchor): string {
  return JSON.stringify({ start: anchor.start, end: anchor.end });
}

/** Null for an absent or unreadable stored anchor (rows from before anchors were positions). */
export function readStoredAnchor(stored: string | null): TextAnchor | null {
  if (!stored) return null;
  try {
    const parsed = anchorInput.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
