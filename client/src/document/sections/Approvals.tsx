import { createSignal, For, Show } from 'solid-js';
import type { AdoptionRule } from '../../../../shared/adoption.js';
import { mayApproveFor } from '../../../../shared/permissions.js';
import { recordApproval } from '../../api/approvals.js';
import type { DocumentDetail, DocumentParty } from '../../api/types.js';
import { formatDate, t } from '../../i18n.js';
import { ApprovalDiff } from '../ApprovalDiff.js';
import { optimisticUpdate } from '../optimistic.js';
import { Section, type PanelView } from './parts.js';

/*
 * Each signing party's approval of the current version: who decided (body, date, §), which
 * approvals are of an earlier version (with what changed since), how many the adoption rule
 * has of what it needs, and who is missing. A party's editors record its decision here.
 */

function ruleText(rule: AdoptionRule): string {
  switch (rule.kind) {
    case 'all':
      return t('approvals.rule.all');
    case 'quorum':
      return t('approvals.rule.quorum', { n: rule.n });
    case 'regionAndMunicipalities':
      return t('approvals.rule.region', { n: rule.n });
  }
}

export function ApprovalsSection(props: { view: PanelView }) {
  const d = () => props.view.detail();
  const signatories = () => d().parties.filter((p) => p.role === 'signatory');
  const nameOf = (id: string) => d().parties.find((p) => p.partyId === id)?.name ?? '';
  return (
    <Show when={d().document.parentId === null && signatories().length > 0}>
      <Section id="approvals" title={t('approvals.title')}>
        <p class="adoption-count" data-testid="adoption-count">
          <strong>{t('approvals.count', { n: d().adoption.approved, m: d().adoption.signatories })}</strong>{' '}
          <span class="muted small">({ruleText(d().adoption.rule)})</span>
        </p>
        <Show when={d().adoption.missing.length > 0}>
          <p class="small" data-testid="adoption-missing">
            {t('approvals.missing', { names: d().adoption.missing.map(nameOf).join(', ') })}
          </p>
        </Show>
        <ul class="plain-list approvals">
          <For each={signatories()}>{(p) => <ApprovalItem view={props.view} party={p} />}</For>
        </ul>
      </Section>
    </Show>
  );
}

function ApprovalItem(props: { view: PanelView; party: DocumentParty }) {
  const d = () => props.view.detail();
  const p = () => props.party;
  const [showDiff, setShowDiff] = createSignal(false);
  // As the server: the party's own editors and admins, while proposed (a bilaga has no approvals of its own).
  const mayApprove = () => d().document.status === 'proposed' && mayApproveFor(d().myRoles[p().partyId] ?? null);
  const decided = () => p().approval !== 'pending';
  return (
    <li class="approval-item" data-party={p().partyId}>
      <strong>{p().name}</strong>{' '}
      <span class={`approval approval-${p().approval}`} classList={{ 'approval-stale': p().stale }}>
        {p().stale ? t(p().approval === 'approved' ? 'approvals.staleApproved' : 'approvals.staleRejected') : t(`approval.${p().approval}`)}
      </span>
      <Show when={decided()}>
        <p class="muted small">
          {[p().approvalBody?.name, p().decidedOn ? formatDate(p().decidedOn) : null, p().paragraph].filter(Boolean).join(', ')}
        </p>
      </Show>
      <Show when={p().stale && p().versionHash}>
        <button type="button" class="button link small" aria-expanded={showDiff()} onClick={() => setShowDiff(!showDiff())}>
          {showDiff() ? t('approvals.hideChanges') : t('approvals.showChanges')}
        </button>
        <Show when={showDiff()}>
          <ApprovalDiff documentId={d().document.id} versionHash={p().versionHash!} />
        </Show>
      </Show>
      <Show when={mayApprove()}>
        <ApprovalFormFor view={props.view} party={p()} />
      </Show>
    </li>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function ApprovalFormFor(props: { view: PanelView; party: DocumentParty }) {
  const view = props.view;
  const bodyList = () => props.party.bodies;
  const [bodyId, setBodyId] = createSignal<string>(props.party.approvalBody?.id ?? '');
  const [decidedOn, setDecidedOn] = createSignal(props.party.decidedOn ?? today());
  const [paragraph, setParagraph] = createSignal(props.party.paragraph ?? '');
  const [error, setError] = createSignal<'paragraph' | 'decidedOn' | null>(null);
  let paragraphInput!: HTMLInputElement;
  let dateInput!: HTMLInputElement;
  const chosenBody = () => bodyId() || bodyList()[0]?.id || '';
  const ids = { body: `approval-body-${props.party.partyId}`, date: `approval-date-${props.party.partyId}`, paragraph: `approval-paragraph-${props.party.partyId}` };

  const send = async (approval: DocumentParty['approval']) => {
    if (approval !== 'pending') {
      // The body, the date and the § are how a decision is cited: the form asks for them.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(decidedOn())) {
        setError('decidedOn');
        dateInput.focus();
        return;
      }
      if (!paragraph().trim()) {
        setError('paragraph');
        paragraphInput.focus();
        return;
      }
    }
    setError(null);
    const partyId = props.party.partyId;
    const previous = props.party;
    const result = await optimisticUpdate<DocumentDetail, Awaited<ReturnType<typeof recordApproval>>>({
      get: view.detail,
      set: view.set,
      apply: (cur) => ({ ...cur, parties: cur.parties.map((x) => (x.partyId === partyId ? { ...x, approval, stale: false } : x)) }),
      request: () =>
        recordApproval(view.detail().document.id, {
          partyId,
          approval,
          ...(approval === 'pending'
            ? {}
            : { bodyId: chosenBody() || null, decidedOn: decidedOn(), paragraph: paragraph().trim(), versionHash: view.detail().versionHash }),
        }),
      commit: (cur, r) => ({ ...cur, ...r }),
      revert: (cur) => ({ ...cur, parties: cur.parties.map((x) => (x.partyId === partyId ? previous : x)) }),
    });
    // Others may have approved while ours was on its way: ask once more, after our own commit.
    if (result.ok) view.refresh('approvals');
    view.report(result);
  };

  return (
    <div class="approval-form" role="group" aria-label={t('approvals.formFor', { party: props.party.name })}>
      <Show when={bodyList().length > 0}>
        <div class="field">
          <label for={ids.body}>{t('approvals.body')}</label>
          <select id={ids.body} value={chosenBody()} onChange={(e) => setBodyId(e.currentTarget.value)}>
            <For each={bodyList()}>{(b) => <option value={b.id} selected={b.id === chosenBody()}>{b.name}</option>}</For>
          </select>
        </div>
      </Show>
      <div class="field">
        <label for={ids.date}>{t('approvals.decidedOn')}</label>
        <input
          ref={dateInput}
          id={ids.date}
          type="date"
          required
          value={decidedOn()}
          aria-invalid={error() === 'decidedOn' ? 'true' : undefined}
          aria-describedby={error() === 'decidedOn' ? `${ids.date}-error` : undefined}
          onInput={(e) => setDecidedOn(e.currentTarget.value)}
        />
        <Show when={error() === 'decidedOn'}>
          <p class="field-error" id={`${ids.date}-error`}>{t('approvals.dateNeeded')}</p>
        </Show>
      </div>
      <div class="field">
        <label for={ids.paragraph}>{t('approvals.paragraph')}</label>
        <input
          ref={paragraphInput}
          id={ids.paragraph}
          type="text"
          maxLength={50}
          placeholder="§ 12"
          value={paragraph()}
          aria-invalid={error() === 'paragraph' ? 'true' : undefined}
          aria-describedby={error() === 'paragraph' ? `${ids.paragraph}-error` : undefined}
          onInput={(e) => setParagraph(e.currentTarget.value)}
        />
        <Show when={error() === 'paragraph'}>
          <p class="field-error" id={`${ids.paragraph}-error`}>{t('approvals.paragraphNeeded')}</p>
        </Show>
      </div>
      <div class="button-row">
        <Show when={props.party.approval !== 'approved' || props.party.stale}>
          <button type="button" class="button primary small" onClick={() => void send('approved')}>
            {t('doc.approve', { party: props.party.name })}
          </button>
        </Show>
        <Show when={props.party.approval !== 'rejected' || props.party.stale}>
          <button type="button" class="button secondary small" onClick={() => void send('rejected')}>
            {t('doc.reject', { party: props.party.name })}
          </button>
        </Show>
        <Show when={props.party.approval !== 'pending'}>
          <button type="button" class="button secondary small" onClick={() => void send('pending')}>
            {t('doc.resetApproval', { party: props.party.name })}
          </button>
        </Show>
      </div>
    </div>
  );
}
