import { For, Show } from 'solid-js';
import { formatFte, formatPercent, t } from '../../i18n.js';
import { Section, type PanelView } from './parts.js';

/** Cost shares per party and the resources put in. */
export function CostsSection(props: { view: PanelView }) {
  const d = () => props.view.detail();
  return (
    <Show when={d().costShares.length > 0 || d().resources.length > 0}>
      <Section id="costs" title={t('doc.costShares')}>
        <Show when={d().costShares.length > 0}>
          <table class="compact-table">
            <caption class="sr-only">{t('doc.costShares')}</caption>
            <tbody>
              <For each={d().costShares}>
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
        <Show when={d().resources.length > 0}>
          <h3>{t('doc.resources')}</h3>
          <ul class="plain-list small">
            <For each={d().resources}>
              {(r) => (
                <li>
                  {r.description}
                  <Show when={r.fteHundredths !== null}> – {t('doc.fte', { n: formatFte(r.fteHundredths ?? 0) })}</Show>
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
