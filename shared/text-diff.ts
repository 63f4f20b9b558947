import { diffWordsWithSpace } from 'diff';

/** Word-level difference of two texts (whitespace kept), for marking insertions and deletions. */
export function diffWords(a: string, b: string): Array<{ kind: 'same' | 'added' | 'removed'; text: string }> {
  return diffWordsWithSpace(a, b).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));
}
