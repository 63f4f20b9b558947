import { Show } from 'solid-js';
import { putDocumentParty, removeDocumentParty } from '../../api/documents.js';
import type { DocumentParty } from '../../api/types.js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { PartyPicker } from '../../components/PartyPicker.js';
import { formatDate, t } from '../../i18n.js';
import { optimisticUpdate } from '../optimistic.js';
import { Section, type PanelView } from './parts.js';

/** The document's parties and, for signatories, their approval (recorded in the approvals section). */
export function PartiesSection(props: { view: PanelView }) {
  const view = props.view;

  // The agreement's managers add and remove its parties (a bilaga has the agreement's).
  const manage = () => view.detail().document.permissions.manage && view.detail().document.parentId === null;
  const available = () => view.parties().filter((p) => !view.detail().parties.some((x) => x.partyId === p.id));
  // The answer carries the parties with their approvals, which a change of parties may have cleared.
  const withApprovals = (cur: ReturnType<PanelView['detail']>, r: Pick<ReturnType<PanelView['detail']>, 'parties' | 'adoption' | 'versionHash'>) => ({
    ...cur,
    parties: r.parties,
    adoption: r.adoption,
    versionHash: r.versionHash,
  });
  const addParty = async (partyId: string, role: 'signatory' | 'observer') => {
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => cur,
      request: () => putDocumentParty(view.detail().document.id, partyId, role),
      commit: withApprovals,
    });
    view.report(result);
  };
  const removeParty = async (p: DocumentParty) => {
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => ({ ...cur, parties: cur.parties.filter((x) => x.partyId !== p.partyId) }),
      request: () => removeDocumentParty(view.detail().document.id, p.partyId),
      commit: withApprovals,
    });
    view.report(result);
  };

  return (
    <Section id="parties" title={t('doc.parties')}>
      <ListOrEmpty items={view.detail().parties} empty={t('doc.noParties')} class="plain-list parties">
        {(p) => (
          <>
            <strong>{p().name}</strong> <span class="muted">({p().role === 'signatory' ? t('doc.signatory') : t('doc.observer')})</span>
            <Show when={p().role === 'signatory'}>
              {' '}
              <span class={`approval approval-${p().approval}`} classList={{ 'approval-stale': p().stale }}>
                {p().stale ? t('approvals.earlierVersion') : t(`approval.${p().approval}`)}
              </span>
              <Show when={p().approvedAt && p().approval !== 'pending'}>
                <span class="muted small"> {formatDate(p().approvedAt)}</span>
              </Show>
            </Show>
            <Show when={manage() && p().partyId !== view.detail().document.ownerPartyId}>
              {' '}
              <button type="button" class="button secondary small" onClick={() => void removeParty(p())}>
                {t('doc.removeParty', { party: p().name })}
              </button>
            </Show>
          </>
        )}
      </ListOrEmpty>
      <Show when={manage()}>
        <PartyPicker available={available()} add={addParty} />
      </Show>
    </Section>
  );
}
