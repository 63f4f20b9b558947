import { createSignal, For, Index, Show, type JSX } from 'solid-js';
import { allSignatoriesApproved, statusMoves } from '../../../shared/lifecycle.js';
import { mayApproveFor } from '../../../shared/permissions.js';
import type { DocumentStatus } from '../../../shared/schemas.js';
import { stageStatuses } from '../domain.js';
import { api } from '../api/client.js';
import type { DocumentDetail, DocumentParty, DocumentSummary, Party, Precondition, Stage, StageStatus } from '../api/types.js';
import { Alert, initials, SelectField, TextArea, TextField } from '../components/ui.js';
import type { Person } from '../editor/LiveEditor.js';
import { errorText, formatDate, formatDateTime, formatPercent, t } from '../i18n.js';
import { documentPath, Link } from '../router.js';
import { optimisticUpdate } from './optimistic.js';

export interface PanelProps {
  detail: DocumentDetail;
  mutate: (value: DocumentDetail) => void;
  refetch: () => unknown;
  presence: Person[];
  parties: Party[];
  /** The document this one belongs to (a bilaga's or minutes' agreement), when readable. */
  parent?: DocumentDetail;
}

type Notice = { kind: 'success' | 'error'; text: string } | null;

/** The side panel: metadata from GET /api/documents/:id, editable where the person may edit it. */
export function DocumentPanel(props: PanelProps) {
  const [notice, setNotice] = createSignal<Notice>(null);
  const ctx = {
    get: () => props.detail,
    set: (v: DocumentDetail) => props.mutate(v),
    report: (result: { ok: boolean; error?: unknown }) =>
      setNotice(result.ok ? { kind: 'success', text: t('doc.saved') } : { kind: 'error', text: t('doc.rolledBack', { message: errorText(result.error) }) }),
  };
  const isMinutes = () => props.detail.document.kind === 'minutes';

  return (
    <aside class="document-panel" aria-label={t('doc.panel')}>
      <div aria-live="polite" class="panel-notice">
        <Show when={notice()}>{(n) => <Alert kind={n().kind}>{n().text}</Alert>}</Show>
      </div>
      <Presence people={props.presence} />
      <Show when={isMinutes()}>
        <MeetingSection detail={props.detail} parent={props.parent} parties={props.parties} />
      </Show>
      <DetailsSection {...props} ctx={ctx} />
      <Show when={!isMinutes()}>
        <PartiesSection {...props} ctx={ctx} />
        <StagesSection {...props} ctx={ctx} />
        <CheckpointsSection detail={props.detail} />
        <DecisionsSection detail={props.detail} />
        <AttachmentsSection {...props} ctx={ctx} />
        <RoundsSection detail={props.detail} parties={props.parties} />
        <CostsSection detail={props.detail} parties={props.parties} />
      </Show>
    </aside>
  );
}

interface Ctx {
  get: () => DocumentDetail;
  set: (v: DocumentDetail) => void;
  report: (r: { ok: boolean; error?: unknown }) => void;
}

function Section(props: { id: string; title: string; children: JSX.Element }) {
  return (
    <section class="panel-section" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function Presence(props: { people: Person[] }) {
  return (
    <Section id="presence" title={t('doc.presence')}>
      <ul class="avatars" data-testid="presence">
        <For each={props.people}>
          {(p) => (
            <li class="person">
              <span class="avatar" style={{ 'background-color': p.color }} aria-hidden="true">
                {initials(p.name)}
              </span>
              <span class="person-name">
                {p.name} <Show when={p.self}>{t('doc.you')}</Show>
                <Show when={p.party}>
                  <span class="person-party">{p.party}</span>
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.people.filter((p) => !p.self).length === 0}>
        <p class="muted small">{t('doc.presenceNone')}</p>
      </Show>
    </Section>
  );
}

function Row(props: { label: string; children: JSX.Element }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function DetailsSection(props: PanelProps & { ctx: Ctx }) {
  const d = () => props.detail.document;
  const [editing, setEditing] = createSignal(false);
  const [form, setForm] = createSignal({ title: '', reference: '', summary: '', startsOn: '', endsOn: '' });
  const [nextStatus, setNextStatus] = createSignal<string>('');

  const startEdit = () => {
    const doc = d();
    setForm({ title: doc.title, reference: doc.reference ?? '', summary: doc.summary ?? '', startsOn: doc.startsOn ?? '', endsOn: doc.endsOn ?? '' });
    setEditing(true);
  };
  const field = (k: keyof ReturnType<typeof form>) => (e: { currentTarget: { value: string } }) => setForm({ ...form(), [k]: e.currentTarget.value });

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = form();
    const patch = {
      title: f.title.trim(),
      reference: f.reference.trim() || null,
      summary: f.summary.trim() || null,
      startsOn: f.startsOn || null,
      endsOn: f.endsOn || null,
    };
    setEditing(false);
    const result = await optimisticUpdate({
      get: props.ctx.get,
      set: props.ctx.set,
      apply: (cur) => ({ ...cur, document: { ...cur.document, ...patch } }),
      request: () => api.patch<{ document: DocumentSummary }>(`/documents/${d().id}`, patch),
      commit: (cur, r) => ({ ...cur, document: { ...cur.document, ...r.document, permissions: r.document.permissions ?? cur.document.permissions } }),
    });
    props.ctx.report(result);
  };

  // Only moves the server allows: never "published" (that is a publication), "adopted" only
  // once every signatory has approved.
  const moves = () =>
    (statusMoves[d().status] ?? []).filter(
      (s: DocumentStatus) => s !== 'published' && (s !== 'adopted' || allSignatoriesApproved(props.detail.parties)),
    );
  const changeStatus = async (e: SubmitEvent) => {
    e.preventDefault();
    const status = nextStatus() as DocumentStatus;
    if (!status) return;
    const result = await optimisticUpdate({
      get: props.ctx.get,
      set: props.ctx.set,
      apply: (cur) => ({ ...cur, document: { ...cur.document, status } }),
      request: () => api.post<{ document: DocumentSummary }>(`/documents/${d().id}/status`, { status }),
      commit: (cur, r) => ({ ...cur, document: { ...cur.document, ...r.document, permissions: r.document.permissions ?? cur.document.permissions } }),
    });
    setNextStatus('');
    props.ctx.report(result);
  };

  return (
    <Section id="details" title={t('doc.details')}>
      <Show
        when={editing()}
        fallback={
          <>
            <dl class="details">
              <Row label={t('doc.reference')}>{d().reference || t('doc.none')}</Row>
              <Row label={t('doc.kind')}>{t(`kind.${d().kind}`)}</Row>
              <Row label={t('doc.status')}>
                <span data-testid="document-status">{t(`status.${d().status}`)}</span>
              </Row>
              <Show when={d().dialogueRound}>
                <Row label={t('doc.round')}>{d().dialogueRound}</Row>
              </Show>
              <Show when={d().startsOn || d().endsOn}>
                <Row label={t('doc.startsOn')}>{formatDate(d().startsOn) || t('doc.none')}</Row>
                <Row label={t('doc.endsOn')}>{formatDate(d().endsOn) || t('doc.none')}</Row>
              </Show>
              <Row label={t('doc.updated')}>
                <time datetime={d().updatedAt}>{formatDateTime(d().updatedAt)}</time>
              </Row>
            </dl>
            <Show when={d().summary}>
              <p class="summary">{d().summary}</p>
            </Show>
            <Show when={d().permissions.edit}>
              <button type="button" class="button secondary small" onClick={startEdit}>
                {t('doc.edit')}
              </button>
            </Show>
          </>
        }
      >
        <form class="form compact" onSubmit={(e) => void save(e)}>
          <TextField label={t('doc.title')} required value={form().title} onInput={field('title')} />
          <TextField label={t('doc.reference')} value={form().reference} onInput={field('reference')} />
          <TextArea label={t('doc.summary')} rows={3} value={form().summary} onInput={field('summary')} />
          <TextField label={t('doc.startsOn')} type="date" value={form().startsOn} onInput={field('startsOn')} />
          <TextField label={t('doc.endsOn')} type="date" value={form().endsOn} onInput={field('endsOn')} />
          <div class="form-actions">
            <button type="submit" class="button primary small">
              {t('doc.save')}
            </button>
            <button type="button" class="button secondary small" onClick={() => setEditing(false)}>
              {t('doc.cancel')}
            </button>
          </div>
        </form>
      </Show>
      <Show when={d().permissions.manage && moves().length > 0}>
        <form class="form inline-form compact" onSubmit={(e) => void changeStatus(e)}>
          <SelectField
            label={t('doc.changeStatus')}
            value={nextStatus()}
            onChange={(e) => setNextStatus(e.currentTarget.value)}
            options={[{ value: '', label: '–' }, ...moves().map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <button type="submit" class="button secondary small" disabled={!nextStatus()}>
            {t('doc.statusButton')}
          </button>
        </form>
      </Show>
    </Section>
  );
}

function PartiesSection(props: PanelProps & { ctx: Ctx }) {
  // As the server: a party's own editors and admins approve (a hub admin only through a membership),
  // a signatory, while proposed, and never on a bilaga (it is approved with its agreement).
  const mayApprove = (p: DocumentParty) =>
    props.detail.document.status === 'proposed' &&
    props.detail.document.parentId === null &&
    p.role === 'signatory' &&
    mayApproveFor(props.detail.myRoles[p.partyId] ?? null);

  const setApproval = async (p: DocumentParty, approval: DocumentParty['approval']) => {
    const result = await optimisticUpdate({
      get: props.ctx.get,
      set: props.ctx.set,
      apply: (cur) => ({ ...cur, parties: cur.parties.map((x) => (x.partyId === p.partyId ? { ...x, approval } : x)) }),
      request: () => api.post<{ parties: DocumentParty[] }>(`/documents/${props.detail.document.id}/approvals`, { partyId: p.partyId, approval }),
      commit: (cur, r) => ({ ...cur, parties: r.parties }),
      revert: (cur) => ({ ...cur, parties: cur.parties.map((x) => (x.partyId === p.partyId ? { ...x, approval: p.approval } : x)) }),
    });
    props.ctx.report(result);
  };

  return (
    <Section id="parties" title={t('doc.parties')}>
      <Show when={props.detail.parties.length > 0} fallback={<p class="muted">{t('doc.noParties')}</p>}>
        <ul class="plain-list parties">
          <For each={props.detail.parties}>
            {(p) => (
              <li>
                <strong>{p.name}</strong> <span class="muted">({p.role === 'signatory' ? t('doc.signatory') : t('doc.observer')})</span>
                <Show when={p.role === 'signatory'}>
                  {' '}
                  <span class={`approval approval-${p.approval}`}>{t(`approval.${p.approval}`)}</span>
                  <Show when={p.approvedAt && p.approval !== 'pending'}>
                    <span class="muted small"> {formatDate(p.approvedAt)}</span>
                  </Show>
                </Show>
                <Show when={mayApprove(p)}>
                  <div class="button-row">
                    <Show when={p.approval !== 'approved'}>
                      <button type="button" class="button primary small" onClick={() => void setApproval(p, 'approved')}>
                        {t('doc.approve', { party: p.name })}
                      </button>
                    </Show>
                    <Show when={p.approval !== 'rejected'}>
                      <button type="button" class="button secondary small" onClick={() => void setApproval(p, 'rejected')}>
                        {t('doc.reject', { party: p.name })}
                      </button>
                    </Show>
                    <Show when={p.approval !== 'pending'}>
                      <button type="button" class="button secondary small" onClick={() => void setApproval(p, 'pending')}>
                        {t('doc.resetApproval', { party: p.name })}
                      </button>
                    </Show>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Section>
  );
}

function StagesSection(props: PanelProps & { ctx: Ctx }) {
  const [title, setTitle] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const stageTitle = (id: string | null) => props.detail.stages.find((s) => s.id === id)?.title ?? '';

  const setStatus = async (stage: Stage, status: StageStatus) => {
    const result = await optimisticUpdate({
      get: props.ctx.get,
      set: props.ctx.set,
      apply: (cur) => ({ ...cur, stages: cur.stages.map((s) => (s.id === stage.id ? { ...s, status } : s)) }),
      request: () => api.patch<{ stage: Stage }>(`/stages/${stage.id}`, { status }),
      commit: (cur, r) => ({ ...cur, stages: cur.stages.map((s) => (s.id === stage.id ? r.stage : s)) }),
      revert: (cur) => ({ ...cur, stages: cur.stages.map((s) => (s.id === stage.id ? { ...s, status: stage.status } : s)) }),
    });
    props.ctx.report(result);
  };

  // The server refuses to start a planned stage whose preconditions are not met: so does the UI.
  const blocked = (stage: Stage) => stage.status === 'planned' && stage.preconditions.some((p) => !p.met);
  const allowedStageStatuses = (stage: Stage) =>
    blocked(stage) ? stageStatuses.filter((x) => x === 'planned' || x === 'cancelled') : stageStatuses;

  const setMet = async (stage: Stage, pre: Precondition, met: boolean) => {
    const withMet = (cur: DocumentDetail, value: boolean) => ({
      ...cur,
      stages: cur.stages.map((s) =>
        s.id === stage.id ? { ...s, preconditions: s.preconditions.map((p) => (p.id === pre.id ? { ...p, met: value } : p)) } : s,
      ),
    });
    const result = await optimisticUpdate({
      get: props.ctx.get,
      set: props.ctx.set,
      apply: (cur) => withMet(cur, met),
      request: () => api.patch<{ precondition: Precondition }>(`/preconditions/${pre.id}`, { met }),
      commit: (cur, r) => withMet(cur, r.precondition.met),
      revert: (cur) => withMet(cur, pre.met),
    });
    props.ctx.report(result);
  };

  const add = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { stage } = await api.post<{ stage: Stage }>(`/documents/${props.detail.document.id}/stages`, { title: title().trim() });
      props.ctx.set({ ...props.ctx.get(), stages: [...props.ctx.get().stages, stage] });
      setTitle('');
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Section id="stages" title={t('doc.stages')}>
      <Show when={props.detail.stages.length > 0} fallback={<p class="muted">{t('doc.noStages')}</p>}>
        <ol class="stages">
          {/* Index keeps each row's DOM (and the focus in its controls) across optimistic updates. */}
          <Index each={props.detail.stages}>
            {(s) => (
              <li>
                <strong>{s().title}</strong>
                <Show when={s().startsOn || s().targetOn || s().endsOn}>
                  <span class="muted small">
                    {' '}
                    {[formatDate(s().startsOn), formatDate(s().targetOn), formatDate(s().endsOn)].filter(Boolean).join(' – ')}
                  </span>
                </Show>
                <Show when={s().description}>
                  <p class="small">{s().description}</p>
                </Show>
                <Show
                  when={props.detail.document.permissions.edit}
                  fallback={
                    <p class="small">
                      {t('doc.status')}: {t(`stage.${s().status}`)}
                    </p>
                  }
                >
                  <SelectField
                    label={t('doc.stageStatus', { stage: s().title })}
                    value={s().status}
                    onChange={(e) => void setStatus(s(), e.currentTarget.value as StageStatus)}
                    options={allowedStageStatuses(s()).map((x) => ({ value: x, label: t(`stage.${x}`) }))}
                  />
                  <Show when={blocked(s())}>
                    <p class="small muted">{t('doc.stageBlocked')}</p>
                  </Show>
                </Show>
                <Show when={s().preconditions.length > 0}>
                  <p class="small">{t('doc.preconditions')}:</p>
                  <ul class="small preconditions">
                    <Index each={s().preconditions}>
                      {(p) => (
                        <li>
                          <Show
                            when={props.detail.document.permissions.edit && p().requirement === 'other'}
                            fallback={
                              <>
                                {p().description}
                                <Show when={p().requiresStageId}> ({stageTitle(p().requiresStageId)})</Show>
                              </>
                            }
                          >
                            <label class="check">
                              <input type="checkbox" checked={p().met} onChange={(e) => void setMet(s(), p(), e.currentTarget.checked)} />
                              <span>{p().description}</span>
                            </label>
                          </Show>{' '}
                          – <span class={p().met ? 'met' : 'not-met'}>{p().met ? t('doc.met') : t('doc.notMet')}</span>
                        </li>
                      )}
                    </Index>
                  </ul>
                </Show>
              </li>
            )}
          </Index>
        </ol>
      </Show>
      <Show when={props.detail.document.permissions.edit}>
        <form class="form inline-form compact" onSubmit={(e) => void add(e)}>
          <Show when={error()}>
            <Alert>{error()}</Alert>
          </Show>
          <TextField label={t('doc.stageTitle')} required value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
          <button type="submit" class="button secondary small">
            {t('doc.addStage')}
          </button>
        </form>
      </Show>
    </Section>
  );
}

function CheckpointsSection(props: { detail: DocumentDetail }) {
  return (
    <Section id="checkpoints" title={t('doc.checkpoints')}>
      <Show when={props.detail.checkpoints.length > 0} fallback={<p class="muted">{t('doc.noCheckpoints')}</p>}>
        <ul class="plain-list">
          <For each={props.detail.checkpoints}>
            {(c) => (
              <li>
                <time datetime={c.dueOn}>{formatDate(c.dueOn)}</time> <strong>{c.title}</strong>
                <Show when={c.reportTo}>
                  <span class="muted small"> – {t('start.reportTo', { who: c.reportTo! })}</span>
                </Show>
                <Show when={c.outcome}>
                  <p class="small">{c.outcome}</p>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Section>
  );
}

function DecisionsSection(props: { detail: DocumentDetail }) {
  return (
    <Section id="decisions" title={t('doc.decisions')}>
      <Show when={props.detail.decisions.length > 0} fallback={<p class="muted">{t('doc.noDecisions')}</p>}>
        <ul class="plain-list decisions">
          <For each={props.detail.decisions}>
            {(dec) => (
              <li>
                <strong>{dec.body.name}</strong> <span class={`decision decision-${dec.state}`}>{t(`decision.${dec.state}`)}</span>
                <Show when={dec.reference}>
                  <span class="muted small"> {dec.reference}</span>
                </Show>
                <Show when={dec.decidedOn}>
                  <span class="muted small"> {t('doc.decidedOn', { date: formatDate(dec.decidedOn) })}</span>
                </Show>
                <Show when={dec.preamble}>
                  <p class="small">{dec.preamble}</p>
                </Show>
                <ul class="clauses small">
                  <For each={dec.clauses}>{(c) => <li>{c.text}</li>}</For>
                </ul>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Section>
  );
}

function AttachmentsSection(props: PanelProps & { ctx: Ctx }) {
  const [title, setTitle] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  // Minutes are children too, but they are listed under their meeting, not as bilagor.
  const attachments = () => props.detail.attachments.filter((a) => a.kind !== 'minutes');
  // Editors of the agreement add bilagor; a bilaga has none of its own.
  const canAdd = () => props.detail.document.permissions.edit && props.detail.document.parentId === null;
  const add = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    const next = Math.max(0, ...props.detail.attachments.map((a) => a.attachmentNumber ?? 0)) + 1;
    try {
      const { document } = await api.post<{ document: DocumentSummary }>('/documents', {
        title: title().trim(),
        kind: 'report',
        parentId: props.detail.document.id,
        attachmentNumber: next,
        ownerPartyId: props.detail.document.ownerPartyId,
      });
      props.ctx.set({ ...props.ctx.get(), attachments: [...props.ctx.get().attachments, document] });
      setTitle('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Section id="attachments" title={t('doc.attachments')}>
      <Show when={attachments().length > 0} fallback={<p class="muted">{t('doc.noAttachments')}</p>}>
        <ul class="plain-list">
          <For each={attachments()}>
            {(a) => (
              <li>
                <Link href={documentPath(a.id)}>
                  <Show when={a.attachmentNumber}>{t('doc.attachment', { n: a.attachmentNumber! })}: </Show>
                  {a.title}
                </Link>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={canAdd()}>
        <form class="form inline-form compact" onSubmit={(e) => void add(e)}>
          <Show when={error()}>
            <Alert>{error()}</Alert>
          </Show>
          <TextField label={t('doc.attachmentTitle')} required value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
          <button type="submit" class="button secondary small">
            {t('doc.addAttachment')}
          </button>
        </form>
      </Show>
    </Section>
  );
}

function RoundsSection(props: { detail: DocumentDetail; parties: Party[] }) {
  const partyName = (id: string) => props.parties.find((p) => p.id === id)?.name ?? props.detail.parties.find((p) => p.partyId === id)?.name ?? '';
  return (
    <Show when={props.detail.rounds.length > 0}>
      <Section id="rounds" title={t('doc.rounds')}>
        <ul class="plain-list">
          <For each={props.detail.rounds}>
            {(r) => (
              <li>
                <strong>{r.title || t('doc.roundTitle', { n: r.number })}</strong>
                <Show when={r.startsOn || r.endsOn}>
                  <span class="muted small"> {[formatDate(r.startsOn), formatDate(r.endsOn)].filter(Boolean).join(' – ')}</span>
                </Show>
                <ul class="small">
                  <For each={r.meetings}>
                    {(m) => (
                      <li>
                        <Show when={m.minutesDocumentId} fallback={t('doc.meetingWith', { party: partyName(m.partyId) })}>
                          <Link href={documentPath(m.minutesDocumentId!)}>{t('doc.meetingWith', { party: partyName(m.partyId) })}</Link>
                        </Show>
                        <Show when={m.heldAt}>
                          <span class="muted"> {formatDate(m.heldAt)}</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ul>
      </Section>
    </Show>
  );
}

function CostsSection(props: { detail: DocumentDetail; parties: Party[] }) {
  return (
    <Show when={props.detail.costShares.length > 0 || props.detail.resources.length > 0}>
      <Section id="costs" title={t('doc.costShares')}>
        <Show when={props.detail.costShares.length > 0}>
          <table class="compact-table">
            <caption class="sr-only">{t('doc.costShares')}</caption>
            <tbody>
              <For each={props.detail.costShares}>
                {(c) => (
                  <tr>
                    <th scope="row">{c.label}</th>
                    <td>{formatPercent(c.basisPoints)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
        <Show when={props.detail.resources.length > 0}>
          <h3>{t('doc.resources')}</h3>
          <ul class="plain-list small">
            <For each={props.detail.resources}>
              {(r) => (
                <li>
                  {r.description}
                  <Show when={r.fteHundredths !== null}> – {t('doc.fte', { n: ((r.fteHundredths ?? 0) / 100).toLocaleString('sv-SE', { minimumFractionDigits: 1 }) })}</Show>
                  <Show when={r.financedBy}> ({r.financedBy})</Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Section>
    </Show>
  );
}

/** For a minutes document: the meeting's date, party, round and who was there. */
function MeetingSection(props: { detail: DocumentDetail; parent?: DocumentDetail; parties: Party[] }) {
  const m = () => props.detail.meeting;
  const partyName = (id: string | null) => (id ? (props.parties.find((p) => p.id === id)?.name ?? '') : '');
  const parent = () => props.parent;
  const round = () => parent()?.rounds.find((r) => r.id === m()?.roundId);
  return (
    <Section id="meeting" title={t('doc.meeting')}>
      <Show when={m()} fallback={<p class="muted">{t('doc.none')}</p>}>
        {(meeting) => (
          <>
            <dl class="details">
              <Row label={t('doc.meetingDate')}>{meeting().heldAt ? formatDateTime(meeting().heldAt) : t('doc.none')}</Row>
              <Row label={t('doc.meetingParty')}>{partyName(meeting().partyId) || t('doc.none')}</Row>
              <Row label={t('doc.meetingRound')}>
                {round() ? round()!.title || t('doc.roundTitle', { n: round()!.number }) : t('doc.none')}
              </Row>
              <Show when={meeting().location}>
                <Row label={t('doc.meetingLocation')}>{meeting().location}</Row>
              </Show>
              <Show when={parent()}>
                <Row label={t('doc.parent')}>
                  <Link href={documentPath(parent()!.document.id)}>{parent()!.document.title}</Link>
                </Row>
              </Show>
            </dl>
            <h3>{t('doc.attendees')}</h3>
            <Show when={meeting().attendees.length > 0} fallback={<p class="muted small">{t('doc.noAttendees')}</p>}>
              <ul class="plain-list small" data-testid="attendees">
                <For each={meeting().attendees}>
                  {(a) => (
                    <li>
                      {a.name}
                      <Show when={a.partyId}>
                        <span class="muted"> ({partyName(a.partyId)})</span>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </Section>
  );
}

