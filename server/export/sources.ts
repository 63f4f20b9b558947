import type { Kysely } from 'kysely';
import type { CanonicalInput } from '../../shared/canonical.js';
import type { Database } from '../db/database.js';
import { metadataOf, type PublicationRow } from '../db/repositories/publications.js';
import { fte, percent, roleWords, swedishDate, swedishDateTime } from '../public/words.js';
import { type ExportDocument, type ExportSection, toProseMirror } from './document.js';

/* What each download is made of, as the one intermediate (document.ts). */

function partiesSection(parties: ReadonlyArray<{ name: string; role: string }>): ExportSection {
  return { heading: 'Parter', blocks: parties.map((p) => ({ kind: 'item', text: `${p.name} (${roleWords[p.role] ?? p.role})` })) };
}

function decisionBlocks(d: { bodyName: string; preamble?: string | null; clauses: ReadonlyArray<{ position: number; text: string }> }): ExportSection['blocks'] {
  return [
    { kind: 'paragraph', text: d.preamble ? `${d.bodyName}: ${d.preamble}` : `${d.bodyName} beslutar` },
    ...[...d.clauses].sort((a, b) => a.position - b.position).map((k) => ({ kind: 'item' as const, text: k.text })),
  ];
}

export function publicationExport(p: PublicationRow): ExportDocument {
  const meta = metadataOf(p);
  const preface: ExportSection[] = [partiesSection(meta.parties)];
  if (meta.decisions.length) {
    preface.push({ heading: 'Beslut', blocks: meta.decisions.flatMap((d) => decisionBlocks({ bodyName: d.body.name, preamble: d.preamble, clauses: d.clauses })) });
  }
  return {
    title: p.title,
    reference: p.reference,
    versionLine: `Version ${p.version}, publicerad ${swedishDate(p.published_at)}`,
    sha256: p.sha256,
    preface,
    body: toProseMirror(JSON.parse(p.content_json)),
  };
}

export function draftExport(input: CanonicalInput, at: string): ExportDocument {
  return {
    title: input.title,
    reference: input.reference,
    versionLine: `Utkast, ${swedishDateTime(at)}`,
    sha256: null,
    preface: [partiesSection(input.parties)],
    body: toProseMirror(input.content),
  };
}

export interface PackVersion {
  versionLine: string;
  sha256: string;
}

/**
 * A party's beslutsunderlag: the proposed decision of its own bodies (each with body and
 * att-clauses), that party's cost shares and the resources, then the text with its version.
 */
export async function decisionPackExport(db: Kysely<Database>, documentId: string, partyId: string, input: CanonicalInput, version: PackVersion): Promise<ExportDocument> {
  const [party, decisions] = await Promise.all([
    db.selectFrom('parties').select('name').where('id', '=', partyId).executeTakeFirstOrThrow(),
    db
      .selectFrom('decisions')
      .innerJoin('bodies', 'bodies.id', 'decisions.body_id')
      .select(['decisions.id', 'decisions.preamble', 'decisions.state', 'decisions.reference', 'bodies.name'])
      .where('decisions.document_id', '=', documentId)
      .where('bodies.party_id', '=', partyId)
      .orderBy('decisions.created_at')
      .execute(),
  ]);
  const clauses = decisions.length
    ? await db.selectFrom('decision_clauses').select(['decision_id', 'position', 'text']).where('decision_id', 'in', decisions.map((d) => d.id)).execute()
    : [];
  const shares = input.costShares.filter((c) => c.partyId === partyId);
  const preface: ExportSection[] = [
    {
      heading: 'Förslag till beslut',
      blocks: decisions.length
        ? decisions.flatMap((d) => decisionBlocks({ bodyName: d.name, preamble: d.preamble, clauses: clauses.filter((k) => k.decision_id === d.id) }))
        : [{ kind: 'paragraph', text: `Inget beslut är registrerat för ${party.name}.` }],
    },
    {
      heading: `Kostnadsandel för ${party.name}`,
      blocks: shares.length
        ? shares.map((c) => ({ kind: 'item', text: `${c.label}: ${percent(c.basisPoints)}${c.note ? ` (${c.note})` : ''}` }))
        : [{ kind: 'paragraph', text: 'Ingen kostnadsandel är angiven.' }],
    },
  ];
  if (input.resources.length) {
    preface.push({
      heading: 'Resurser',
      blocks: input.resources.map((r) => ({
        kind: 'item',
        text: [r.description, r.fteHundredths !== null ? fte(r.fteHundredths) : null, r.financedBy ? `finansieras av ${r.financedBy}` : null].filter(Boolean).join(', '),
      })),
    });
  }
  preface.push({ heading: 'Överenskommelsens text', blocks: [{ kind: 'paragraph', text: `${version.versionLine}. SHA-256: ${version.sha256}` }] });
  return {
    title: `Beslutsunderlag för ${party.name}: ${input.title}`,
    reference: input.reference,
    versionLine: version.versionLine,
    sha256: version.sha256,
    preface,
    body: toProseMirror(input.content),
  };
}
