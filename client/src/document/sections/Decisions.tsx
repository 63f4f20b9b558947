import { createSignal, For, Show } from 'solid-js';
import { deleteDecision } from '../../api/decisions.js';
import type { Decision } from '../../api/types.js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { formatDate, t } from '../../i18n.js';
import { optimisticUpdate } from '../optimistic.js';
import { DecisionForm } from './DecisionForm.js';
import { Section, type PanelView } from './parts.js';

/** The bodies' decisions with their att-clauses; written and rewritten here by the agreement's editors. */
export function DecisionsSection(props: { view: PanelView }) {
  const view = props.view;
  // As the server: recording a decision is allowed on a frozen agreement too, to its managers.
  const canEdit = () => view.detail().document.permissions.edit || view.detail().document.permissions.manage;
  /** The decision being edited, 'new', or none. */
  const [editing, setEditing] = createSignal<string | null>(null);
  const refTitle = (c: Decision['clauses'][number]) => {
    if (!c.refersToDocumentId) return null;
    const a = view.detail().attachments.find((x) => x.id === c.refersToDocumentId);
    return a?.attachmentNumber ? t('doc.attachment', { n: a.attachmentNumber }) : (a?.title ?? null);
  };
  const remove = async (dec: Decision) => {
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => ({ ...cur, decisions: cur.decisions.filter((x) => x.id !== dec.id) }),
      request: () => deleteDecision(dec.id),
    });
    view.report(result);
  };

  return (
    <Section id="decisions" title={t('doc.decisions')}>
      <ListOrEmpty items={view.detail().decisions} empty={t('doc.noDecisions')} class="plain-list decisions" testId="decisions">
        {(dec) => (
          <Show when={editing() !== dec().id} fallback={<DecisionForm view={view} decision={dec()} done={() => setEditing(null)} />}>
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
            <ol class="clauses small">
              <For each={dec().clauses}>
                {(c) => (
                  <li>
                    <span class="clause-text">{c.text}</span>
                    <Show when={refTitle(c)}>
                      <span class="muted"> ({refTitle(c)})</span>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
            <Show when={canEdit() && editing() === null}>
              <div class="button-row">
                <button type="button" class="button secondary small" onClick={() => setEditing(dec().id)}>
                  {t('doc.editDecision')}
                </button>
                <Show when={view.detail().document.permissions.edit}>
                  <button type="button" class="button secondary small" onClick={() => void remove(dec())}>
                    {t('doc.deleteDecision')}
                  </button>
                </Show>
              </div>
            </Show>
          </Show>
        )}
      </ListOrEmpty>
      <Show when={view.detail().document.permissions.edit}>
        <Show
          when={editing() === 'new'}
          fallback={
            <Show when={editing() === null}>
              <button type="button" class="button secondary small" onClick={() => setEditing('new')}>
                {t('doc.addDecision')}
              </button>
            </Show>
          }
        >
          <DecisionForm view={view} done={() => setEditing(null)} />
        </Show>
      </Show>
    </Section>
  );
}
