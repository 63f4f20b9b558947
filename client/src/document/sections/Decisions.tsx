import { For, Show } from 'solid-js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { formatDate, t } from '../../i18n.js';
import { Section, type PanelView } from './parts.js';

/** The bodies' decisions with their att-clauses. */
export function DecisionsSection(props: { view: PanelView }) {
  return (
    <Section id="decisions" title={t('doc.decisions')}>
      <ListOrEmpty items={props.view.detail().decisions} empty={t('doc.noDecisions')} class="plain-list decisions">
        {(dec) => (
          <>
            <strong>{dec().body.name}</strong> <span class={`decision decision-${dec().state}`}>{t(`decision.${dec().state}`)}</span>
            <Show when={dec().reference}>
              <span class="muted small"> {dec().reference}</span>
            </Show>
            <Show when={dec().decidedOn}>
              <span class="muted small"> {t('doc.decidedOn', { date: formatDate(dec().decidedOn) })}</span>
            </Show>
            <Show when={dec().preamble}>
              <p class="small">{dec().preamble}</p>
            </Show>
            <ul class="clauses small">
              <For each={dec().clauses}>{(c) => <li>{c.text}</li>}</For>
            </ul>
          </>
        )}
      </ListOrEmpty>
    </Section>
  );
}
