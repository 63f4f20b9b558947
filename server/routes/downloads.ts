import { Hono } from 'hono';
import { z } from 'zod';
import { canonicalAgreement, versionHash } from '../../shared/canonical.js';
import type { CollabServer } from '../collab/server.js';
import { loadCanonicalInput } from '../db/repositories/canonical.js';
import { listPublications } from '../db/repositories/publications.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import type { ExportDocument, ExportFormat } from '../export/document.js';
import { contentDisposition, fileName, renderFile } from '../export/render.js';
import { decisionPackExport, draftExport, publicationExport } from '../export/sources.js';
import { swedishDate } from '../public/words.js';
import { now } from '../time.js';
import { paramsOf, queryOf } from '../validate.js';
import { partyRoleOf, requireDocument } from './guard.js';
import { idParam } from './params.js';
import { readablePublication } from './publications.js';

/*
 * Files: a published version, the current draft, and a party's decision pack, as PDF/A,
 * DOCX or Markdown (server/export/), named from the reference and version.
 */

const formatQuery = z.object({ format: z.enum(['pdf', 'docx', 'md']) });
const packQuery = z.object({ party: z.string().min(1).max(100), format: z.enum(['pdf', 'docx']) });
type Collab = Pick<CollabServer, 'documentJson'>;

async function send(doc: ExportDocument, format: ExportFormat, name: string) {
  const file = await renderFile(doc, format);
  return new Response(new Uint8Array(file.body) as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(name),
      'Cache-Control': 'private, no-cache',
    },
  });
}

export function publicationDownloadRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/:id/download', paramsOf(idParam), queryOf(formatQuery), async (c) => {
    const row = await readablePublication(deps, c.get('session'), c.req.valid('param').id);
    const { format } = c.req.valid('query');
    return send(publicationExport(row), format, fileName([row.reference ?? row.title, `v${row.version}`], format));
  });
}

export function documentDownloadRoutes(deps: Deps, collab: Collab) {
  return new Hono<AppEnv>()
    .get('/download', paramsOf(idParam), queryOf(formatQuery), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      const { format } = c.req.valid('query');
      const input = await loadCanonicalInput(deps.db, access.document.id, await collab.documentJson(access.document.id));
      const at = now();
      return send(draftExport(input, at), format, fileName([input.reference ?? input.title, 'utkast', swedishDate(at)], format));
    })
    .get('/decision-pack', paramsOf(idParam), queryOf(packQuery), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      const { party, format } = c.req.valid('query');
      const documentId = access.document.id;
      const isParty = await deps.db.selectFrom('document_parties').select('party_id').where('document_id', '=', documentId).where('party_id', '=', party).executeTakeFirst();
      if (!isParty) fail('notFound', 'The party is not a party of this agreement.');
      if (!access.capabilities.manage && !(await partyRoleOf(deps, session, party))) fail('forbidden', "Only the party's own people and the agreement's managers get its decision pack.");
      // A published agreement's pack carries its latest published text; a draft's, the text now and its canonical hash.
      const [latest] = access.document.status === 'published' ? await listPublications(deps.db, documentId) : [];
      const content = latest ? (JSON.parse(latest.content_json) as unknown) : await collab.documentJson(documentId);
      const input = await loadCanonicalInput(deps.db, documentId, content);
      const version = latest
        ? { versionLine: `Version ${latest.version}, publicerad ${swedishDate(latest.published_at)}`, sha256: latest.sha256 }
        : { versionLine: `Utkast ${swedishDate(now())}`, sha256: await versionHash(canonicalAgreement(input)) };
      const pack = await decisionPackExport(deps.db, documentId, party, input, version);
      const partyName = (await deps.db.selectFrom('parties').select('name').where('id', '=', party).executeTakeFirstOrThrow()).name;
      return send(pack, format, fileName(['Beslutsunderlag', partyName, input.reference ?? input.title, latest ? `v${latest.version}` : 'utkast'], format));
    });
}
