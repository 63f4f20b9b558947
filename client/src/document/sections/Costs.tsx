import { createSignal, For, Show } from 'solid-js';
import { formatPercent, t } from '../../i18n.js';
import { CostForm } from './CostForm.js';
import { Section, type PanelView } from './parts.js';
import { ResourcesList } from './Resources.js';

/** Cost shares per stage or for the whole agreement, and the resources put in. */
export function CostsSection(props: { view: PanelView }) {
  const view = props.view;
  const d = () => view.detail();
  const [editing, setEditing] = createSignal(false);
  const scopes = () => [...new Set(d().costShares.map((c) => c.stageId))];
  const scopeName = (stageId: string | null) => (stageId ? (d().stages.find((s) => s.id === stageId)?.title ?? '') : t('doc.costWhole'));
  return (
    <Show when={d().costShares.length > 0 || d().resources.length > 0 || d().document.permissions.edit}>
      <Section id="costs" title={t('doc.costShares')}>
        <Show
          when={!editing()}
          fallback={<CostForm view={view} done={() => setEditing(false)} />}
        >
          <For each={scopes()}>
            {(scope) => (
              <table class="compact-table" data-testid="cost-shares">
                <caption>
                  {scopeName(scope)}
                  <Show when={d().costShares.some((c) => c.stageId === scope && c.joint)}>
                    {' '}
                    <span class="muted small">({t('doc.costJoint')})</span>
                  </Show>
                </caption>
                <tbody>
                  <For each={d().costShares.filter((c) => c.stageId === scope)}>
                    {(c) => (
                      <tr>
                        <th scope="row">{c.label}</th>
                        <td>{formatPercent(c.basisPoints)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            )}
          </For>
          <Show when={d().document.permissions.edit}>
            <button type="button" class="button secondary small" onClick={() => setEditing(true)}>
              {t('doc.costEdit')}
            </button>
          </Show>
        </Show>
        <ResourcesList view={view} />
      </Section>
    </Show>
  );
}
