import { expect } from 'vitest';
import type { Party } from '../../../server/db/database.js';
import { startHub, type RunningHub } from '../../collab/helpers.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { buildBody, buildDocument, buildParty, buildUser, login, type LoggedIn } from '../../helpers/factories.js';

/*
 * A running hub (real port, so real sockets connect) with a region that owns the
 * agreements, a municipality that co-signs them, and an outsider; one login per role.
 */

export interface PublishingWorld {
  tdb: TestDb;
  hub: RunningHub;
  region: Party;
  kommun: Party;
  regionEditor: LoggedIn & { userId: string };
  regionReader: LoggedIn & { userId: string };
  kommunEditor: LoggedIn & { userId: string };
  outsider: LoggedIn & { userId: string };
  kommunBodyId: string;
  close(): Promise<void>;
}

export const agreementText = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Överenskommelse om vårdplatser' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Region och kommun ansvarar gemensamt för åtta platser i Åsele, Älvsbyn och Örnsköldsvik.' }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fyra observationsplatser' }] }] }] },
  ],
};

export async function publishingWorld(dialect: TestDb['dialect']): Promise<PublishingWorld> {
  const tdb = await createTestDb(dialect);
  const hub = await startHub(tdb);
  const region = await buildParty(tdb.db, { kind: 'region', name: `Region Västerbotten ${Date.now()}` });
  const kommun = await buildParty(tdb.db, { name: `Åsele kommun ${Date.now()}` });
  const other = await buildParty(tdb.db);
  const as = async (party: Party, role: 'editor' | 'reader') => {
    const u = await buildUser(tdb.db, { party, role });
    return { ...(await login(hub.app, u.email, u.password)), userId: u.id };
  };
  const [regionEditor, regionReader, kommunEditor, outsider] = await Promise.all([as(region, 'editor'), as(region, 'reader'), as(kommun, 'editor'), as(other, 'editor')]);
  const body = await buildBody(tdb.db, { party: kommun, name: 'Kommunfullmäktige' });
  return {
    tdb,
    hub,
    region,
    kommun,
    regionEditor,
    regionReader,
    kommunEditor,
    outsider,
    kommunBodyId: body.id,
    async close() {
      await hub.close();
      await tdb.drop();
    },
  };
}

let counter = 0;

/** A draft with text, a decision with att-clauses, cost shares and a resource. */
export async function draftAgreement(w: PublishingWorld, o: { reference?: string } = {}) {
  const doc = await buildDocument(w.tdb.db, { owner: w.region, parties: [w.kommun], reference: o.reference ?? `HSN ${++counter}${Date.now() % 100000}-2019` });
  await w.hub.collab.setDocumentJson(doc.id, agreementText);
  const r = w.regionEditor.request;
  const decision = await r(`/api/documents/${doc.id}/decisions`, {
    method: 'POST',
    body: { bodyId: w.kommunBodyId, clauses: [{ text: 'att anta överenskommelsen om vårdplatser' }, { text: 'att uppdra åt socialnämnden att genomföra den' }] },
  });
  expect(decision.status).toBe(201);
  const shares = await r(`/api/documents/${doc.id}/cost-shares`, {
    method: 'PUT',
    body: { items: [{ label: 'Kommunen', basisPoints: 5000, partyId: w.kommun.id }, { label: 'Regionen', basisPoints: 5000, partyId: w.region.id }] },
  });
  expect(shares.status).toBe(200);
  expect((await r(`/api/documents/${doc.id}/resources`, { method: 'POST', body: { description: 'Sjuksköterskor', fteHundredths: 200, financedBy: 'Regionstyrelsen' } })).status).toBe(201);
  return doc;
}

export async function adoptedAgreement(w: PublishingWorld, o: { reference?: string } = {}) {
  const doc = await draftAgreement(w, o);
  expect((await w.regionEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'proposed' } })).status).toBe(200);
  for (const [who, partyId] of [[w.regionEditor, w.region.id], [w.kommunEditor, w.kommun.id]] as const) {
    expect((await who.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId, approval: 'approved' } })).status).toBe(200);
  }
  expect((await w.regionEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'adopted' } })).status).toBe(200);
  return doc;
}

export interface PublicationAnswer {
  id: string;
  version: number;
  sha256: string;
  url: string;
  canonicalForm: string;
  public: boolean;
}

export async function publish(w: PublishingWorld, documentId: string, isPublic: boolean): Promise<PublicationAnswer> {
  const res = await w.regionEditor.request(`/api/documents/${documentId}/publications`, { method: 'POST', body: { public: isPublic } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { publication: PublicationAnswer }).publication;
}
