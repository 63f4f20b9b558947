import { effectiveStatus, isFrozen } from '../../../shared/permissions.js';

/** Why a document takes no more updates: justerade minutes, or a status (adopted, published, …). */
export type FrozenBy = 'locked' | 'status';

/** The rule both commit paths apply to a document row and its agreement's status (null for an agreement). */
export function frozenBy(lockedAt: string | null, status: string, parentStatus: string | null): FrozenBy | null {
  if (lockedAt !== null) return 'locked';
  return isFrozen(effectiveStatus(status, parentStatus ?? status)) ? 'status' : null;
}
