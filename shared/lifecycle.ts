import type { DocumentStatus } from './schemas.js';

/*
 * An agreement's way: draft → in dialogue → proposed → adopted (every signatory has
 * approved) → published; withdrawn or terminated ("uppsagt") on the way out.
 * Publishing happens through a publication, never by setting the status.
 */
export const statusMoves: Record<DocumentStatus, readonly DocumentStatus[]> = {
  draft: ['in_dialogue', 'proposed', 'withdrawn'],
  in_dialogue: ['draft', 'proposed', 'withdrawn'],
  proposed: ['draft', 'in_dialogue', 'adopted', 'withdrawn'],
  adopted: ['proposed', 'terminated'],
  // Reopening for revision keeps every published version; the next publication is a new version.
  published: ['draft', 'terminated'],
  withdrawn: ['draft'],
  terminated: [],
};

export function canMove(from: DocumentStatus, to: DocumentStatus): boolean {
  return statusMoves[from].includes(to);
}
