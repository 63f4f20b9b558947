import { createSignal, Index, Show } from 'solid-js';
import { limits } from '../../../../shared/limits.js';
import { decisionStates } from '../../domain.js';
import { addDecision, createBodiesQuery, createPublicationsQuery, patchDecision, type DecisionInput } from '../../api/decisions.js';
import type { Decision } from '../../api/types.js';
import { createFormErrors } from '../../components/form-errors.js';
import { Alert, SelectField, TextArea, TextField } from '../../components/ui.js';
import { t } from '../../i18n.js';
import type { PanelView } from './parts.js';

/* One decision being written: its body, date, §, state, preamble and att-clauses in order. */

interface ClauseDraft {
  text: string;
  /** `doc:<id>`, `pub:<id>` or '' */
  ref: string;
}

const refOf = (c: { refersToDocumentId: string | null; refersToPublicationId?: string | null }) =>
  c.refersToPublicationId ? `pub:${c.refersToPublicationId}` : c.refersToDocumentId ? `doc:${c.refersToDocumentId}` : '';

export function DecisionForm(props: { view: PanelView; decision?: Decision; done: () => void }) {
  const view = props.view;
  const d = props.decision;
  const errors = createFormErrors();
  const [bodyId, setBodyId] = createSignal(d?.bodyId ?? '');
  const [decidedOn, setDecidedOn] = createSignal(d?.decidedOn ?? '');
  const [reference, setReference] = createSignal(d?.reference ?? '');
  const [state, setState] = createSignal<string>(d?.state ?? 'proposed');
  const [preamble, setPreamble] = createSignal(d?.preamble ?? '');
  const [clauses, setClauses] = createSignal<ClauseDraft[]>(d ? d.clauses.map((c) => ({ text: c.text, ref: refOf(c) })) : [{ text: 'att ', ref: '' }]);

  const bodies = createBodiesQuery(() => view.detail().parties.map((p) => p.partyId));
  const publications = createPublicationsQuery(() => view.detail().document.id);
  const bodyOptions = () => {
    const list = bodies.resource.error ? [] : (bodies.resource() ?? []);
    const party = (id: string) => view.detail().parties.find((p) => p.partyId === id)?.name ?? '';
    return [{ value: '', label: '–' }, ...list.map((b) => ({ value: b.id, label: `${b.name} (${party(b.partyId)})` }))];
  };
  const refOptions = () => [
    { value: '', label: t('doc.refersNone') },
    ...view
      .detail()
      .attachments.filter((a) => a.kind !== 'minutes')
      .map((a) => ({ value: `doc:${a.id}`, label: a.attachmentNumber ? `${t('doc.attachment', { n: a.attachmentNumber })}: ${a.title}` : a.title })),
    ...(publications.resource.error ? [] : (publications.resource() ?? [])).map((p) => ({ value: `pub:${p.id}`, label: t('doc.refersVersion', { n: p.version }) })),
  ];

  const change = (i: number, patch: Partial<ClauseDraft>) => setClauses(clauses().map((c, n) => (n === i ? { ...c, ...patch } : c)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...clauses()];
    const [c] = next.splice(i, 1);
    next.splice(i + by, 0, c!);
    setClauses(next);
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    errors.clear();
    const input: DecisionInput = {
      bodyId: bodyId(),
      decidedOn: decidedOn() || null,
      reference: reference().trim() || null,
      state: state() as DecisionInput['state'],
      preamble: preamble().trim() || null,
      clauses: clauses().map((c) => ({
        text: c.text.trim(),
        refersToDocumentId: c.ref.startsWith('doc:') ? c.ref.slice(4) : null,
        refersToPublicationId: c.ref.startsWith('pub:') ? c.ref.slice(4) : null,
      })),
    };
    await errors.attempt(async () => {
      const { decision } = d ? await patchDecision(d.id, input) : await addDecision(view.detail().document.id, input);
      const cur = view.detail();
      view.set({ ...cur, decisions: d ? cur.decisions.map((x) => (x.id === d.id ? decision : x)) : [...cur.decisions, decision] });
      props.done();
    });
  };

  return (
    <form class="form compact decision-form" ref={errors.ref} onSubmit={(e) => void submit(e)} novalidate>
      <Show when={errors.message()}>
        <Alert>{errors.message()}</Alert>
      </Show>
      <Show when={bodyOptions().length === 1 && !bodies.resource.loading}>
        <p class="muted small">{t('doc.noBodies')}</p>
      </Show>
      <SelectField label={t('doc.decisionBody')} value={bodyId()} options={bodyOptions()} error={errors.field('bodyId')} onChange={(e) => setBodyId(e.currentTarget.value)} />
      <TextField label={t('doc.decisionDate')} type="date" value={decidedOn()} error={errors.field('decidedOn')} onInput={(e) => setDecidedOn(e.currentTarget.value)} />
      <TextField label={t('doc.decisionReference')} value={reference()} maxLength={limits.reference} error={errors.field('reference')} onInput={(e) => setReference(e.currentTarget.value)} />
      <SelectField
        label={t('doc.decisionState')}
        value={state()}
        options={decisionStates.map((s) => ({ value: s, label: t(`decision.${s}`) }))}
        error={errors.field('state')}
        onChange={(e) => setState(e.currentTarget.value)}
      />
      <TextArea label={t('doc.preamble')} rows={2} value={preamble()} maxLength={limits.preamble} error={errors.field('preamble')} onInput={(e) => setPreamble(e.currentTarget.value)} />
      <ol class="clause-list">
        <Index each={clauses()}>
          {(c, i) => (
            <li class="clause-edit">
              <TextArea label={t('doc.clause', { n: i + 1 })} rows={2} value={c().text} maxLength={limits.clause} error={errors.field(`clauses.${i}.text`)} onInput={(e) => change(i, { text: e.currentTarget.value })} />
              <SelectField
                label={t('doc.clauseRefers', { n: i + 1 })}
                value={c().ref}
                options={refOptions()}
                error={errors.field(`clauses.${i}.refersToDocumentId`) ?? errors.field(`clauses.${i}.refersToPublicationId`)}
                onChange={(e) => change(i, { ref: e.currentTarget.value })}
              />
              <div class="button-row">
                <button type="button" class="button secondary small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('doc.moveUp', { n: i + 1 })}>
                  ↑
                </button>
                <button type="button" class="button secondary small" disabled={i === clauses().length - 1} onClick={() => move(i, 1)} aria-label={t('doc.moveDown', { n: i + 1 })}>
                  ↓
                </button>
                <button type="button" class="button secondary small" disabled={clauses().length === 1} onClick={() => setClauses(clauses().filter((_, n) => n !== i))}>
                  {t('doc.removeClause', { n: i + 1 })}
                </button>
              </div>
            </li>
          )}
        </Index>
      </ol>
      <Show when={errors.field('clauses')}>
        <p class="field-error">{errors.field('clauses')}</p>
      </Show>
      <button type="button" class="button secondary small" onClick={() => setClauses([...clauses(), { text: 'att ', ref: '' }])}>
        {t('doc.addClause')}
      </button>
      <div class="form-actions">
        <button type="submit" class="button primary small">
          {t('doc.save')}
        </button>
        <button type="button" class="button secondary small" onClick={() => props.done()}>
          {t('doc.cancel')}
        </button>
      </div>
    </form>
  );
}
