import { Show } from 'solid-js';
import { mayApproveFor } from '../../../../shared/permissions.js';
import { putDocumentParty, removeDocumentParty, setApproval } from '../../api/documents.js';
import { PartyPicker } from '../../components/PartyPicker.js';
import type { DocumentParty } from '../../api/types.js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { formatDate, t } from '../../i18n.js';
import { optimisticUpdate } from '../optimistic.js';
import { Section, type PanelView } from './parts.js';

/** The document's parties and, for signatories, their approval. */
export function PartiesSection(props: { view: PanelView }) {
  const view = props.view;
  // As the server: a party's own editors and admins approve (a hub admin only through a membership),
  // a signatory, while proposed, and never on a bilaga (it is approved with its agreement).
  const mayApprove = (p: DocumentParty) =>
    view.detail().document.status === 'proposed' &&
    view.detail().document.parentId === null &&
    p.role === 'signatory' &&
    mayApproveFor(view.detail().myRoles[p.partyId] ?? null);

  const approve = async (p: DocumentParty, approval: DocumentParty['approval']) => {
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => ({ ...cur, parties: cur.parties.map((x) => (x.partyId === p.partyId ? { ...x, approval } : x)) }),
      request: () => setApproval(view.detail().document.id, p.partyId, approval),
      commit: (cur, r) => ({ ...cur, parties: r.parties }),
      revert: (cur) => ({ ...cur, parties: cur.parties.map((x) => (x.partyId === p.partyId ? { ...x, approval: p.approval } : x)) }),
    });
    view.report(result);
  };

  // The agreement's managers add and remove its parties (a bilaga has the agreement's).
  const manage = () => view.detail().document.permissions.manage && view.detail().document.parentId === null;
  const available = () => view.parties().filter((p) => !view.detail().parties.some((x) => x.partyId === p.id));
  const addParty = async (partyId: string, role: 'signatory' | 'observer') => {
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => cur,
      request: () => putDocumentParty(view.detail().document.id, partyId, role),
      commit: (cur, r) => ({ ...cur, parties: r.parties }),
    });
    view.report(result);
  };
  const removeParty = async (p: DocumentParty) => {
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => ({ ...cur, parties: cur.parties.filter((x) => x.partyId !== p.partyId) }),
      request: () => removeDocumentParty(view.detail().document.id, p.partyId),
      commit: (cur, r) => ({ ...cur, parties: r.parties }),
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
              <span class={`approval approval-${p().approval}`}>{t(`approval.${p().approval}`)}</span>
              <Show when={p().approvedAt && p().approval !== 'pending'}>
                <span class="muted small"> {formatDate(p().approvedAt)}</span>
              </Show>
            </Show>
            <Show when={mayApprove(p())}>
              <div class="button-row">
                <Show when={p().approval !== 'approved'}>
                  <button type="button" class="button primary small" onClick={() => void approve(p(), 'approved')}>
                    {t('doc.approve', { party: p().name })}
                  </button>
                </Show>
                <Show when={p().approval !== 'rejected'}>
                  <button type="button" class="button secondary small" onClick={() => void approve(p(), 'rejected')}>
                    {t('doc.reject', { party: p().name })}
                  </button>
                </Show>
                <Show when={p().approval !== 'pending'}>
                  <button type="button" class="button secondary small" onClick={() => void approve(p(), 'pending')}>
                    {t('doc.resetApproval', { party: p().name })}
                  </button>
                </Show>
              </div>
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
