import { createSignal, Show } from 'solid-js';
import type { Checkpoint } from '../../api/types.js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { isOverdue } from '../../domain.js';
import { formatDate, t } from '../../i18n.js';
import { CheckpointForm } from './CheckpointForm.js';
import { Section, type PanelView } from './parts.js';

/** Avstämningar: when, what, to whom, and the outcome; an overdue one (past its date, not held) is marked. */
export function CheckpointsSection(props: { view: PanelView }) {
  const view = props.view;
  const edit = () => view.detail().document.permissions.edit;
  const [editing, setEditing] = createSignal<string | null>(null);
  const overdue = (c: Checkpoint) => isOverdue(c.dueOn, c.heldOn);
  return (
    <Section id="checkpoints" title={t('doc.checkpoints')}>
      <ListOrEmpty items={view.detail().checkpoints} empty={t('doc.noCheckpoints')} class="plain-list checkpoints" testId="checkpoints">
        {(c) => (
          <Show when={editing() !== c().id} fallback={<CheckpointForm view={view} checkpoint={c()} done={() => setEditing(null)} />}>
            <div classList={{ overdue: overdue(c()) }}>
              <time datetime={c().dueOn}>{formatDate(c().dueOn)}</time> <strong>{c().title}</strong>
              <Show when={overdue(c())}>
                {' '}
                <span class="badge badge-overdue">{t('doc.overdue')}</span>
              </Show>
              <Show when={c().reportTo}>
                <span class="muted small"> – {t('start.reportTo', { who: c().reportTo! })}</span>
              </Show>
              <Show when={c().heldOn}>
                <span class="muted small"> – {t('doc.checkpointHeld')} {formatDate(c().heldOn)}</span>
              </Show>
              <Show when={c().outcome}>
                <p class="small user-text">{c().outcome}</p>
              </Show>
              <Show when={edit() && editing() === null}>
                <button type="button" class="button secondary small" onClick={() => setEditing(c().id)}>
                  {t('doc.editCheckpoint')}
                </button>
              </Show>
            </div>
          </Show>
        )}
      </ListOrEmpty>
      <Show when={edit()}>
        <Show
          when={editing() === 'new'}
          fallback={
            <Show when={editing() === null}>
              <button type="button" class="button secondary small" onClick={() => setEditing('new')}>
                {t('doc.addCheckpoint')}
              </button>
            </Show>
          }
        >
          <CheckpointForm view={view} done={() => setEditing(null)} />
        </Show>
      </Show>
    </Section>
  );
}
