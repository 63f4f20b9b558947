import { Hono } from 'hono';
import { listPublications } from '../db/repositories/publications.js';
import { loadTimeline } from '../db/repositories/versions.js';
import { presentPublication } from '../presenters/publications.js';
import { sql } from 'kysely';
import { z } from 'zod';
import { parseAdoptionRule } from '../../shared/adoption.js';
import { documentCapabilities, effectiveStatus, highestRole } from '../../shared/permissions.js';
import {
  approvalInput,
  documentInput,
  documentListQuery,
  documentPartyInput,
  documentPatch,
  statusInput,
  versionHashParam,
} from '../../shared/schemas.js';
import { diffWords } from '../../shared/text-diff.js';
import { readableDocumentIds, userRoles } from '../auth/access.js';
import { collabSecret, signCollabToken } from '../auth/collab-token.js';
import {
  changeStatus,
  createDocument,
  deleteDocument,
  removeDocumentParty,
  setApproval,
  setDocumentParty,
  updateDocument,
} from '../commands/documents.js';
import type { CollabServer } from '../collab/server.js';
import type { DocumentRow } from '../db/database.js';
import { textOfState, versionOf } from '../db/repositories/canonical.js';
import {
  loadCheckpoints,
  loadCostShares,
  loadDecisions,
  loadDocumentParties,
  loadFeedback,
  loadMeetings,
  loadResources,
  loadRounds,
  loadStages,
} from '../db/repositories/metadata.js';
import { containsText } from '../db/repositories/search.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireSession } from '../middleware/session.js';
import { presentApprovals } from '../presenters/approvals.js';
import { presentDocument } from '../presenters/index.js';
import { jsonBody, paramsOf, queryOf } from '../validate.js';
import { requireDocument } from './guard.js';
import { idParam } from './params.js';

const partyParam = idParam.extend({ partyId: z.string().min(1).max(100) });
const versionParam = idParam.extend({ hash: versionHashParam });

type Collab = Pick<CollabServer, 'documentJson' | 'documentText'>;

function encodeCursor(d: Pick<DocumentRow, 'updated_at' | 'id'>): string {
  return Buffer.from(JSON.stringify([d.updated_at, d.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through to the validation error
  }
  fail('validation', 'The cursor is not valid.', [{ path: 'cursor', message: 'Use nextCursor from the previous page.' }]);
}

export function documentRoutes(deps: Deps, collab: Collab) {
  const { db } = deps;

  /** The parties and approvals of an agreement (a bilaga's: its agreement's) against its current version. */
  async function approvalsView(governingId: string) {
    const [governing, parties, content] = await Promise.all([
      db.selectFrom('documents').select('adoption_rule').where('id', '=', governingId).executeTakeFirstOrThrow(),
      loadDocumentParties(db, governingId),
      collab.documentJson(governingId),
    ]);
    const [{ hash }, bodies] = await Promise.all([
      versionOf(db, governingId, content),
      parties.length
        ? db.selectFrom('bodies').select(['id', 'party_id', 'name']).where('party_id', 'in', parties.map((p) => p.partyId)).orderBy('name').execute()
        : [],
    ]);
    return presentApprovals(parties, parseAdoptionRule(governing.adoption_rule), hash, bodies);
  }

  return new Hono<AppEnv>()
    .get('/', queryOf(documentListQuery), async (c) => {
      const { user } = requireSession(c);
      const query = c.req.valid('query');
      let q = db.selectFrom('documents as d').selectAll('d').where('d.id', 'in', readableDocumentIds(db, user));
      if (query.kind) q = q.where('d.kind', '=', query.kind);
      if (query.status) q = q.where('d.status', '=', query.status);
      if (query.parent) q = q.where('d.parent_id', '=', query.parent);
      if (query.party) {
        const party = query.party;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('document_parties as fp')
              .select(sql`1`.as('one'))
              .where('fp.party_id', '=', party)
              .whereRef('fp.document_id', '=', eb.fn.coalesce('d.parent_id', 'd.id')),
          ),
        );
      }
      if (query.q) {
        const text = query.q;
        q = q.where((eb) => eb.or([containsText(eb.ref('d.title'), text), containsText(eb.ref('d.reference'), text)]));
      }
      if (query.cursor) {
        const [updatedAt, id] = decodeCursor(query.cursor);
        q = q.where((eb) =>
          eb.or([eb('d.updated_at', '<', updatedAt), eb.and([eb('d.updated_at', '=', updatedAt), eb('d.id', '<', id)])]),
        );
      }
      const rows = await q.orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc').limit(query.limit + 1).execute();
      const page = rows.slice(0, query.limit);
      const items = await withPermissions(page, user);
      const last = page.at(-1);
      return c.json({ items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
    })
    .post('/', jsonBody(documentInput), async (c) => {
      const { user } = requireSession(c);
      const roles = await userRoles(db, user.id);
      const doc = await createDocument(deps, user, roles, c.req.valid('json'));
      const { access } = await requireDocument(c, deps, doc.id, 'read');
      return c.json({ document: presentDocument(doc, access.capabilities) }, 201);
    })
    .get('/:id', paramsOf(idParam), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      const doc = access.document;
      const [approvals, attachmentRows, stages, checkpoints, decisions, rounds, costShares, resources, meetingRow, feedback] =
        await Promise.all([
          approvalsView(access.governingId),
          db.selectFrom('documents').selectAll().where('parent_id', '=', doc.id).where('id', 'in', readableDocumentIds(db, session.user)).orderBy('attachment_number').orderBy('created_at').execute(),
          loadStages(db, doc.id),
          loadCheckpoints(db, doc.id),
          loadDecisions(db, doc.id),
          loadRounds(db, doc.id),
          loadCostShares(db, doc.id),
          loadResources(db, doc.id),
          db.selectFrom('meetings').select('id').where('minutes_document_id', '=', doc.id).executeTakeFirst(),
          loadFeedback(db, doc.id),
        ]);
      const [publications, versions] = await Promise.all([listPublications(db, doc.id), loadTimeline(db, doc.id)]);
      const meeting = meetingRow ? ((await loadMeetings(db, { meetingId: meetingRow.id }))[0] ?? null) : null;
      return c.json({
        document: presentDocument(doc, access.capabilities),
        // The agreement's current version (a bilaga shows its agreement's), and each party's approval against it.
        versionHash: approvals.versionHash,
        adoption: approvals.adoption,
        parties: approvals.parties,
        attachments: attachmentRows.map((a) => presentDocument(a, access.capabilities)),
        stages,
        checkpoints,
        decisions,
        rounds,
        costShares,
        resources,
        meeting,
        publications: publications.map(presentPublication),
        versions,
        feedback,
        myRoles: Object.fromEntries(access.rolesByParty),
        // Read before everything above: open the live channel with ?since= this, and no change is missed.
        eventSeq: doc.event_seq,
      });
    })
    .patch('/:id', paramsOf(idParam), jsonBody(documentPatch), async (c) => {
      // Who must approve is the owning party's call, like the status and the parties.
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, c.req.valid('json').adoptionRule !== undefined ? 'manage' : 'edit');
      const doc = await updateDocument(deps, session.user, { ...c.req.valid('json'), documentId: access.document.id });
      return c.json({ document: presentDocument(doc, access.capabilities) });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'manage');
      await deleteDocument(deps, session.user, { documentId: access.document.id });
      return c.json({ ok: true as const });
    })
    .post('/:id/status', paramsOf(idParam), jsonBody(statusInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'manage');
      const doc = await changeStatus(deps, session.user, { documentId: access.document.id, to: c.req.valid('json').status });
      const fresh = await requireDocument(c, deps, doc.id, 'read');
      return c.json({ document: presentDocument(doc, fresh.access.capabilities) });
    })
    .put('/:id/parties/:partyId', paramsOf(partyParam), jsonBody(documentPartyInput), async (c) => {
      const { id, partyId } = c.req.valid('param');
      const { session } = await requireDocument(c, deps, id, 'manage');
      await setDocumentParty(deps, session.user, { documentId: id, partyId, role: c.req.valid('json').role });
      return c.json(await approvalsView(id));
    })
    .delete('/:id/parties/:partyId', paramsOf(partyParam), async (c) => {
      const { id, partyId } = c.req.valid('param');
      const { session } = await requireDocument(c, deps, id, 'manage');
      await removeDocumentParty(deps, session.user, { documentId: id, partyId });
      return c.json(await approvalsView(id));
    })
    .post('/:id/approvals', paramsOf(idParam), jsonBody(approvalInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      await setApproval(deps, session.user, { ...c.req.valid('json'), documentId: access.document.id, roles: access.rolesByParty });
      return c.json(await approvalsView(access.document.id));
    })
    .get('/:id/approvals', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json(await approvalsView(access.governingId));
    })
    .get('/:id/versions/:hash/compare', paramsOf(versionParam), async (c) => {
      const { id, hash } = c.req.valid('param');
      const { access } = await requireDocument(c, deps, id, 'read');
      const kept = await db
        .selectFrom('approved_versions')
        .select(['y_state', 'created_at'])
        .where('document_id', '=', access.document.id)
        .where('version_hash', '=', hash)
        .executeTakeFirst();
      if (!kept) fail('notFound', 'No approved version of this document has that hash.');
      const [current, { versionHash }] = await Promise.all([collab.documentText(access.document.id), approvalsView(access.document.id)]);
      // The text only: what a party signs for besides it (parties, shares, clauses) is listed on the page.
      return c.json({ versionHash: hash, currentVersionHash: versionHash, keptAt: kept.created_at, segments: diffWords(textOfState(kept.y_state), current) });
    })
    .post('/:id/collab-token', paramsOf(idParam), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json(signCollabToken(await collabSecret(db), { userId: session.user.id, sessionId: session.sessionId }, access.document.id));
    })
    .get('/:id/audit', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      const rows = await db
        .selectFrom('audit_log')
        .leftJoin('users', 'users.id', 'audit_log.actor_id')
        .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'users.name as actor_name', 'audit_log.action', 'audit_log.entity', 'audit_log.entity_id', 'audit_log.data'])
        .where('audit_log.document_id', '=', access.document.id)
        .orderBy('audit_log.id', 'desc')
        .limit(500)
        .execute();
      return c.json({
        items: rows.map((r) => ({
          id: r.id,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          data: r.data ? (JSON.parse(r.data) as unknown) : null,
        })),
      });
    });

  /** Each list item's capabilities, from one query for all their parties. */
  async function withPermissions(rows: DocumentRow[], user: { id: string; is_admin: number }) {
    if (!rows.length) return [];
    const roles = await userRoles(db, user.id);
    const governingIds = [...new Set(rows.map((d) => d.parent_id ?? d.id))];
    const [links, governing] = await Promise.all([
      db.selectFrom('document_parties').select(['document_id', 'party_id']).where('document_id', 'in', governingIds).execute(),
      db.selectFrom('documents').select(['id', 'status', 'owner_party_id']).where('id', 'in', governingIds).execute(),
    ]);
    return rows.map((d) => {
      const gid = d.parent_id ?? d.id;
      const g = governing.find((x) => x.id === gid);
      const partyRoles = links.filter((l) => l.document_id === gid).map((l) => roles.get(l.party_id)).filter((r) => r !== undefined);
      return presentDocument(
        d,
        documentCapabilities({
          role: highestRole(partyRoles),
          ownerRole: g ? (roles.get(g.owner_party_id) ?? null) : null,
          isHubAdmin: Boolean(user.is_admin),
          status: effectiveStatus(d.status, g?.status ?? d.status),
          locked: d.locked_at !== null,
        }),
      );
    });
  }
}
