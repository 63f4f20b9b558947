import { Show } from 'solid-js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { formatDate, t } from '../../i18n.js';
import { Section, type PanelView } from './parts.js';

/** The document's parties and, for signatories, their approval (recorded in the approvals section). */
export function PartiesSection(props: { view: PanelView }) {
  const view = props.view;

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
          </>
        )}
      </ListOrEmpty>
    </Section>
  );
}
