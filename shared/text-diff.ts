import { diffWordsWithSpace } from 'diff';

/*
 * What changed between two texts, word by word, as runs to mark: the approved text
 * against the current one on the agreement page, and two published versions in the
 * compare view. Whitespace counts as text, so line breaks between blocks survive.
 */

export interface DiffSegment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export function diffWords(before: string, after: string): DiffSegment[] {
  const segments: DiffSegment[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const last = segments.at(-1);
    // jsdiff may split one run in two; joined, the view marks each change once.
    if (last && last.kind === kind) last.text += part.value;
    else if (part.value) segments.push({ kind, text: part.value });
  }
  return segments;
}
