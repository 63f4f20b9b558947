import { parseAdoptionRule } from '../../shared/adoption.js';
import type { Capabilities } from '../../shared/permissions.js';
import type { Database, DocumentRow, Party, User } from '../db/database.js';

/* API output goes through these so a raw row (a password hash, a token hash) never leaks. */

export function presentUser(u: Pick<User, 'id' | 'email' | 'name' | 'is_admin' | 'locale'>) {
  return { id: u.id, email: u.email, name: u.name, isAdmin: Boolean(u.is_admin), locale: u.locale };
}

export function presentParty(p: Party) {
  return { id: p.id, name: p.name, shortName: p.short_name, kind: p.kind, orgNumber: p.org_number };
}

export function presentMembership(m: {
  id: string;
  user_id: string;
  party_id: string;
  role: Database['memberships']['role'];
  title: string | null;
}) {
  return { id: m.id, userId: m.user_id, partyId: m.party_id, role: m.role, title: m.title };
}

export type PresentedDocument = ReturnType<typeof presentDocumentFields>;

/** With the reader's capabilities (every API answer), `permissions` is always there: the overload says so. */
export function presentDocument(d: DocumentRow): PresentedDocument;
export function presentDocument(d: DocumentRow, permissions: Capabilities): PresentedDocument & { permissions: Capabilities };
export function presentDocument(d: DocumentRow, permissions?: Capabilities) {
  return { ...presentDocumentFields(d), ...(permissions ? { permissions } : {}) };
}

function presentDocumentFields(d: DocumentRow) {
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    reference: d.reference,
    status: d.status,
    dialogueRound: d.dialogue_round,
    ownerPartyId: d.owner_party_id,
    parentId: d.parent_id,
    attachmentNumber: d.attachment_number,
    summary: d.summary,
    startsOn: d.starts_on,
    endsOn: d.ends_on,
    public: Boolean(d.public),
    adoptionRule: parseAdoptionRule(d.adoption_rule),
    createdAt: d.created_at,
    updatedAt: d.updated_at,
  };
}
