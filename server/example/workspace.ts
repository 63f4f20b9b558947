import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { MemberRole } from '../../shared/permissions.js';
import { hashPassword } from '../auth/crypto.js';
import { audit } from '../audit.js';
import type { Database, DocumentKind, DocumentStatus, PartyKind } from '../db/database.js';
import { newId, now } from '../time.js';
import { plainTextToTiptap, tiptapToYUpdate } from './text-to-doc.js';

/*
 * The example workspace, built from the two source documents: the regional agreement
 * HSN 335-2019 with its sixteen parties, and Dorotea's letter of intent with the county
 * council. Idempotent: a marker in `settings` says it exists.
 */

const marker = 'example_workspace';
const textDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'texts');
const read = (name: string) => fs.readFileSync(path.join(textDir, name), 'utf8');

export const municipalities = [
  'Bjurholm', 'Dorotea', 'Lycksele', 'Malå', 'Nordmaling', 'Norsjö', 'Robertsfors', 'Skellefteå',
  'Sorsele', 'Storuman', 'Umeå', 'Vilhelmina', 'Vindeln', 'Vännäs', 'Åsele',
] as const;

export interface DemoAccount {
  email: string;
  password: string;
  role: MemberRole;
  party: string;
  name: string;
}

export interface ExampleResult {
  created: boolean;
  accounts: DemoAccount[];
}

const demoPeople = [
  { email: 'region.redaktor@example.se', name: 'Ragnhild Region', party: 'Region Västerbotten', role: 'editor' },
  { email: 'dorotea.redaktor@example.se', name: 'Dagny Dorotea', party: 'Dorotea kommun', role: 'editor' },
  { email: 'umea.kommentator@example.se', name: 'Ulf Umeå', party: 'Umeå kommun', role: 'commenter' },
  { email: 'region.lasare@example.se', name: 'Lisa Läsare', party: 'Region Västerbotten', role: 'reader' },
] as const;

export async function createExampleWorkspace(db: Kysely<Database>, actorId: string | null): Promise<ExampleResult> {
  const existing = await db.selectFrom('settings').select('value').where('key', '=', marker).executeTakeFirst();
  if (existing) return { created: false, accounts: [] };
  const accounts: DemoAccount[] = demoPeople.map((p) => ({ ...p, password: randomBytes(9).toString('base64url') }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  try {
    await db.transaction().execute(async (trx) => {
      // First, so a concurrent run conflicts here and creates nothing twice.
      await trx.insertInto('settings').values({ key: marker, value: now() }).execute();
      await build(trx, accounts, hashes, actorId);
    });
  } catch (err) {
    const again = await db.selectFrom('settings').select('value').where('key', '=', marker).executeTakeFirst();
    if (again) return { created: false, accounts: [] };
    throw err;
  }
  return { created: true, accounts };
}

async function build(trx: Kysely<Database>, accounts: DemoAccount[], hashes: string[], actorId: string | null) {
  const ts = now();
  const partyIds = new Map<string, string>();
  async function party(name: string, kind: PartyKind, shortName: string | null = null) {
    const found = await trx.selectFrom('parties').select('id').where('name', '=', name).executeTakeFirst();
    const id = found?.id ?? newId();
    if (!found) {
      await trx.insertInto('parties').values({ id, name, kind, short_name: shortName, org_number: null, created_at: ts, updated_at: ts }).execute();
    }
    partyIds.set(name, id);
    return id;
  }
  const region = await party('Region Västerbotten', 'region', 'RVB');
  const kommuner: string[] = [];
  for (const m of municipalities) kommuner.push(await party(`${m} kommun`, 'municipality'));
  const dorotea = partyIds.get('Dorotea kommun')!;
  const vll = await party('Västerbottens läns landsting', 'county_council', 'VLL');

  async function body(partyId: string, name: string, kind: Database['bodies']['kind']) {
    const found = await trx.selectFrom('bodies').select('id').where('party_id', '=', partyId).where('name', '=', name).executeTakeFirst();
    if (found) return found.id;
    const id = newId();
    await trx.insertInto('bodies').values({ id, party_id: partyId, name, kind, created_at: ts }).execute();
    return id;
  }
  const hsn = await body(region, 'Hälso- och sjukvårdsnämnden', 'board');
  await body(region, 'Regionstyrelsen', 'executive_board');
  await body(region, 'Regionfullmäktige', 'council');
  await body(dorotea, 'Kommunfullmäktige i Dorotea', 'council');
  await body(dorotea, 'Kommunstyrelsen i Dorotea', 'executive_board');

  async function document(d: {
    kind: DocumentKind;
    title: string;
    owner: string;
    parties?: string[];
    reference?: string;
    status?: DocumentStatus;
    parentId?: string;
    attachmentNumber?: number;
    text?: string;
    startsOn?: string;
    endsOn?: string;
    summary?: string;
    round?: number;
  }) {
    const id = newId();
    await trx
      .insertInto('documents')
      .values({
        id,
        kind: d.kind,
        title: d.title,
        reference: d.reference ?? null,
        status: d.status ?? 'draft',
        dialogue_round: d.round ?? null,
        owner_party_id: d.owner,
        parent_id: d.parentId ?? null,
        attachment_number: d.attachmentNumber ?? null,
        summary: d.summary ?? null,
        starts_on: d.startsOn ?? null,
        ends_on: d.endsOn ?? null,
        public: 0,
        created_by: actorId,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    if (!d.parentId) {
      const all = [...new Set([d.owner, ...(d.parties ?? [])])];
      await trx
        .insertInto('document_parties')
        .values(all.map((p) => ({ document_id: id, party_id: p, role: 'signatory' as const, approval: 'pending' as const, approved_by: null, approved_at: null })))
        .execute();
    }
    if (d.text) {
      await trx
        .insertInto('document_updates')
        .values({ document_id: id, update: tiptapToYUpdate(plainTextToTiptap(d.text, d.title)), created_at: ts })
        .execute();
    }
    await audit(trx, { actorId, action: 'document.create', entity: 'document', entityId: id, documentId: id, data: { title: d.title, example: true } });
    return id;
  }

  // The regional agreement (HSN 335-2019): the tjänsteskrivelse with its two bilagor.
  const regionalText = read('regional-samverkansstruktur-HSN-335-2019.txt');
  const regional = await document({
    kind: 'regional_agreement',
    title: 'Överenskommelse om regional samverkansstruktur avseende vård och omsorg mellan länets kommuner och Region Västerbotten',
    reference: 'HSN 335-2019',
    owner: region,
    parties: kommuner,
    status: 'proposed',
    round: 2,
    startsOn: '2020-09-01',
    text: regionalText.replace(/^[\s\S]*?HSN 335-2019\s*/, ''),
    summary: 'Ny samverkansstruktur för vård och omsorg mellan Region Västerbotten och länets femton kommuner; beräknad start 1 september 2020.',
  });
  const bilaga1 = await document({
    kind: 'report',
    title: 'Redovisning från projektet av bakgrund till regional överenskommelse',
    owner: region,
    parentId: regional,
    attachmentNumber: 1,
  });
  const bilaga2 = await document({
    kind: 'agreement',
    title: 'Överenskommelse om regional samverkansstruktur avseende vård och omsorg',
    owner: region,
    parentId: regional,
    attachmentNumber: 2,
  });
  const decisionId = newId();
  await trx
    .insertInto('decisions')
    .values({ id: decisionId, document_id: regional, body_id: hsn, reference: 'HSN 335-2019', decided_on: null, state: 'proposed', preamble: 'Hälso- och sjukvårdsnämnden beslutar', created_at: ts, updated_at: ts })
    .execute();
  await trx
    .insertInto('decision_clauses')
    .values([
      { id: newId(), decision_id: decisionId, position: 1, text: 'att rekommendera fullmäktige att godkänna projektets redovisning, enligt bilaga 1', refers_to_document_id: bilaga1 },
      { id: newId(), decision_id: decisionId, position: 2, text: 'att rekommendera fullmäktige att anta överenskommelse om regional samverkansstruktur avseende vård och omsorg mellan länets kommuner och Region Västerbotten, enligt bilaga 2', refers_to_document_id: bilaga2 },
    ])
    .execute();
  await trx
    .insertInto('resources')
    .values({ id: newId(), document_id: regional, description: 'Regionalt tjänstepersonsstöd för samordning av strukturen', fte_hundredths: 200, financed_by: 'Regionens del genom Regionstyrelsen', created_at: ts })
    .execute();
  await trx
    .insertInto('cost_shares')
    .values([
      { id: newId(), document_id: regional, stage_id: null, party_id: null, label: 'Kommunerna', basis_points: 5000, note: 'Fördelas mellan länets femton kommuner', created_at: ts },
      { id: newId(), document_id: regional, stage_id: null, party_id: region, label: 'Region Västerbotten', basis_points: 5000, note: 'Finansieras genom Regionstyrelsen', created_at: ts },
    ])
    .execute();
  // Local dialogues, mainly in two rounds.
  const rounds: string[] = [];
  for (const n of [1, 2]) {
    const id = newId();
    rounds.push(id);
    await trx
      .insertInto('dialogue_rounds')
      .values({ id, document_id: regional, number: n, title: `Lokala dialoger, omgång ${n}`, starts_on: n === 1 ? '2019-09-01' : '2020-01-13', ends_on: n === 1 ? '2019-11-29' : '2020-02-28', status: n === 1 ? 'closed' : 'open', created_at: ts })
      .execute();
  }
  const minutes = await document({ kind: 'minutes', title: 'Minnesanteckningar: Dorotea kommun, dialogomgång 1', owner: region, parentId: regional, round: 1 });
  const meetingId = newId();
  await trx
    .insertInto('meetings')
    .values({ id: meetingId, round_id: rounds[0]!, party_id: dorotea, held_at: '2019-10-08T09:00:00.000Z', location: 'Kommunhuset, Dorotea', minutes_document_id: minutes, created_at: ts })
    .execute();
  await trx
    .insertInto('feedback_items')
    .values([
      { id: newId(), document_id: regional, party_id: dorotea, round_id: rounds[0]!, meeting_id: meetingId, author_id: null, body: 'De lokala samverkansformerna behöver beskrivas tydligare, särskilt för små kommuner.', state: 'incorporated', answer: 'Inarbetat: lokala överenskommelser sluts mellan regionen och varje kommun.', location: 'Sammanfattning, stycke 4', answered_by: null, answered_at: ts, created_at: ts, updated_at: ts },
      { id: newId(), document_id: regional, party_id: partyIds.get('Umeå kommun')!, round_id: rounds[1]!, meeting_id: null, author_id: null, body: 'Hur ska medarbetare som inte deltar i samverkansorganen få information om besluten?', state: 'open', answer: null, location: null, answered_by: null, answered_at: null, created_at: ts, updated_at: ts },
    ])
    .execute();
  // One local agreement per municipality beside the regional one.
  for (const m of municipalities) {
    await document({
      kind: 'local_agreement',
      title: `Lokal överenskommelse om samverkan: Region Västerbotten och ${m} kommun`,
      owner: region,
      parties: [partyIds.get(`${m} kommun`)!],
    });
  }

  // Dorotea: the letter of intent with its three stages and two checkpoints.
  const intent = await document({
    kind: 'letter_of_intent',
    title: 'Avsiktsförklaring',
    reference: 'Dorotea 2015-06-23',
    owner: dorotea,
    parties: [vll],
    status: 'in_dialogue',
    round: 1,
    text: read('avsiktsforklaring-dorotea-2015.txt'),
    summary: 'Långsiktigt samverkansavtal mellan Dorotea kommun och Västerbottens läns landsting för vård och omsorg, i tre steg.',
  });
  const stageIds: string[] = [];
  const stages = [
    { title: 'Steg 1: gemensamma vårdplatser', description: '8 gemensamma vårdplatser (4 observationsplatser + 4 korttidsplatser) i nuvarande Hälsocentral (Kvarnbäcken), i landstingets regi. I drift senast under första kvartalet 2016.', target: '2016-03-31' },
    { title: 'Steg 2: temporära lokallösningar', description: 'Temporära lokallösningar till dess att en slutlig samordningslösning nås.', target: null },
    { title: 'Steg 3: slutlig samlokalisering', description: 'Gemensam lokal med samnyttjande av sjukvårdspersonal; till-, om- eller nybyggnad. Avtalstid minst tio år.', target: null },
  ];
  for (const [i, s] of stages.entries()) {
    const id = newId();
    stageIds.push(id);
    await trx
      .insertInto('stages')
      .values({ id, document_id: intent, position: i + 1, title: s.title, description: s.description, status: 'planned', starts_on: null, target_on: s.target, ends_on: null, created_at: ts, updated_at: ts })
      .execute();
  }
  await trx
    .insertInto('stage_preconditions')
    .values([2, 3].map((n) => ({ id: newId(), stage_id: stageIds[0]!, requires_stage_id: stageIds[n - 1]!, requirement: 'other' as const, description: `Det finns en konkret plan för steg ${n}`, met_at: null })))
    .execute();
  await trx
    .insertInto('checkpoints')
    .values(['2015-09-30', '2015-12-01'].map((due) => ({ id: newId(), document_id: intent, stage_id: stageIds[0]!, due_on: due, title: 'Avstämning av arbetet; startdatum för steg 1 fastställs', report_to: 'Kommun- och landstingsledning', outcome: null, held_on: null, created_at: ts })))
    .execute();
  await trx
    .insertInto('cost_shares')
    .values([
      { id: newId(), document_id: intent, stage_id: stageIds[0]!, party_id: dorotea, label: 'Dorotea kommun', basis_points: 5000, note: 'Personalbemanning delas solidariskt; skälig lokalhyra betalas av kommunen', joint: 1, created_at: ts },
      { id: newId(), document_id: intent, stage_id: stageIds[0]!, party_id: vll, label: 'Västerbottens läns landsting', basis_points: 5000, note: 'Personalbemanning delas solidariskt', joint: 1, created_at: ts },
    ])
    .execute();
  await document({
    kind: 'cooperation_agreement',
    title: 'Samverkansavtal om Bergvattengården',
    owner: dorotea,
    parties: [vll],
    status: 'terminated',
    endsOn: '2015-11-30',
    summary: 'Uppsagt av kommunen; löper ut 2015-11-30.',
  });

  // Demo accounts, so a newcomer can co-edit from two browsers.
  for (const [i, a] of accounts.entries()) {
    const found = await trx.selectFrom('users').select('id').where('email', '=', a.email).executeTakeFirst();
    const userId = found?.id ?? newId();
    if (!found) {
      await trx
        .insertInto('users')
        .values({ id: userId, email: a.email, name: a.name, password_hash: hashes[i]!, is_admin: 0, disabled: 0, locale: 'sv', created_at: ts, updated_at: ts })
        .execute();
    } else {
      await trx.updateTable('users').set({ password_hash: hashes[i]!, updated_at: ts }).where('id', '=', userId).execute();
    }
    await trx
      .insertInto('memberships')
      .values({ id: newId(), user_id: userId, party_id: partyIds.get(a.party)!, role: a.role, title: null, created_at: ts })
      .onConflict((oc) => oc.columns(['user_id', 'party_id']).doUpdateSet({ role: a.role }))
      .execute();
  }
  await audit(trx, { actorId, action: 'example.create', entity: 'workspace', entityId: 'example' });
}
