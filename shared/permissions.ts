/*
 * Who may do what with a document: pure rules, used by the API, the collaboration
 * server and the UI (which must never offer what the server would refuse).
 */

export const memberRoles = ['admin', 'editor', 'commenter', 'reader'] as const;
export type MemberRole = (typeof memberRoles)[number];

const rank: Record<MemberRole, number> = { reader: 1, commenter: 2, editor: 3, admin: 4 };

export function atLeast(role: MemberRole | null | undefined, wanted: MemberRole): boolean {
  return role != null && rank[role] >= rank[wanted];
}

export function highestRole(roles: Iterable<MemberRole>): MemberRole | null {
  let best: MemberRole | null = null;
  for (const r of roles) if (best === null || rank[r] > rank[best]) best = r;
  return best;
}

/** Statuses in which the text and metadata are frozen for everyone. */
export const frozenStatuses = ['adopted', 'published', 'withdrawn', 'terminated'] as const;

export function isFrozen(status: string): boolean {
  return (frozenStatuses as readonly string[]).includes(status);
}

/** A bilaga is as frozen as the agreement it belongs to. */
export function effectiveStatus(ownStatus: string, governingStatus: string): string {
  return isFrozen(governingStatus) ? governingStatus : ownStatus;
}

export interface AccessInput {
  /** Best role the user holds in any of the document's parties (owner included). */
  role: MemberRole | null;
  /** Best role the user holds in the owning party. */
  ownerRole: MemberRole | null;
  isHubAdmin: boolean;
  status: string;
  /** The text is final (justerade minutes): read-only for everyone until a correction reopens it. */
  locked?: boolean;
}

export interface Capabilities {
  read: boolean;
  comment: boolean;
  edit: boolean;
  /** Change status, parties, delete: the owning party's editors and admins. */
  manage: boolean;
}

export function documentCapabilities(a: AccessInput): Capabilities {
  const role: MemberRole | null = a.isHubAdmin ? 'admin' : a.role;
  const ownerRole: MemberRole | null = a.isHubAdmin ? 'admin' : a.ownerRole;
  const frozen = isFrozen(a.status);
  const closed = a.status === 'withdrawn' || a.status === 'terminated' || a.status === 'published';
  return {
    read: role !== null,
    comment: atLeast(role, 'commenter') && !closed,
    edit: atLeast(role, 'editor') && !frozen && !a.locked,
    manage: atLeast(ownerRole, 'editor'),
  };
}

/** What a connection to the live document may do. */
export type CollabPermission = 'edit' | 'read';

export function collabPermission(c: Capabilities): CollabPermission | null {
  if (c.edit) return 'edit';
  return c.read ? 'read' : null;
}

/** A party's approval can be given by its editors and admins. */
export function mayApproveFor(role: MemberRole | null | undefined): boolean {
  return atLeast(role, 'editor');
}
