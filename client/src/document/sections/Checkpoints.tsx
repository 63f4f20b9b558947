import { Show } from 'solid-js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { formatDate, t } from '../../i18n.js';
import { Section, type PanelView } from './parts.js';

/** Avstämningar: when, what, to whom, and the outcome. */
export function CheckpointsSection(props: { view: PanelView }) {
  return (
    <Section id="checkpoints" title={t('doc.checkpoints')}>
      <ListOrEmpty items={props.view.detail().checkpoints} empty={t('doc.noCheckpoints')} class="plain-list">
        {(c) => (
          <>
            <time datetime={c().dueOn}>{formatDate(c().dueOn)}</time> <strong>{c().title}</strong>
            <Show when={c().reportTo}>
              <span class="muted small"> – {t('start.reportTo', { who: c().reportTo! })}</span>
            </Show>
            <Show when={c().outcome}>
              <p class="small">{c().outcome}</p>
            </Show>
          </>
        )}
      </ListOrEmpty>
    </Section>
  );
}
