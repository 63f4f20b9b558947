import { createSignal, Index, Show } from 'solid-js';
import { hasCode, Codes } from '../../api/client.js';
import { addStage, setPreconditionMet, setStageStatus } from '../../api/plan.js';
import type { DocumentDetail, Precondition, Stage, StageStatus } from '../../api/types.js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { SelectField } from '../../components/ui.js';
import { stageStatuses } from '../../domain.js';
import { errorText, formatDate, t } from '../../i18n.js';
import { optimisticUpdate } from '../optimistic.js';
import { AddForm } from './AddForm.js';
import { Section, type PanelView } from './parts.js';
import { StageDates } from './StageDates.js';

/** The stages with their dates, status and preconditions. */
export function StagesSection(props: { view: PanelView }) {
  const view = props.view;
  const edit = () => view.detail().document.permissions.edit;
  const stageTitle = (id: string | null) => view.detail().stages.find((s) => s.id === id)?.title ?? '';
  /** Why the last status change of a stage was refused, by stage; shown beside its select. */
  const [refusals, setRefusals] = createSignal<Record<string, string>>({});
  const [editingDates, setEditingDates] = createSignal<string | null>(null);
  const refusalOf = (err: unknown) => {
    if (hasCode(err, Codes.invalidState) && Array.isArray(err.details)) {
      const reasons = (err.details as { description?: string }[]).map((d) => d.description).filter(Boolean);
      if (reasons.length) return t('doc.stageRefused', { reasons: reasons.join('; ') });
    }
    return errorText(err);
  };

  const setStatus = async (stage: Stage, status: StageStatus) => {
    setRefusals({ ...refusals(), [stage.id]: '' });
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => ({ ...cur, stages: cur.stages.map((s) => (s.id === stage.id ? { ...s, status } : s)) }),
      request: () => setStageStatus(stage.id, status),
      commit: (cur, r) => ({ ...cur, stages: cur.stages.map((s) => (s.id === stage.id ? r.stage : s)) }),
      revert: (cur) => ({ ...cur, stages: cur.stages.map((s) => (s.id === stage.id ? { ...s, status: stage.status } : s)) }),
    });
    if (!result.ok) setRefusals({ ...refusals(), [stage.id]: refusalOf(result.error) });
    view.report(result);
  };

  // The server refuses to start a stage whose preconditions are not met: the page offers no start, and says why.
  const blocked = (stage: Stage) => (stage.status === 'planned' || stage.status === 'cancelled') && stage.preconditions.some((p) => !p.met);
  const allowedStageStatuses = (stage: Stage) =>
    blocked(stage) ? stageStatuses.filter((x) => x === 'planned' || x === 'cancelled') : stageStatuses;
  const reasonOf = (stage: Stage) =>
    t('doc.stageMissing', { reasons: stage.preconditions.filter((p) => !p.met).map((p) => p.description).join('; ') });

  const setMet = async (stage: Stage, pre: Precondition, met: boolean) => {
    const withMet = (cur: DocumentDetail, value: boolean) => ({
      ...cur,
      stages: cur.stages.map((s) =>
        s.id === stage.id ? { ...s, preconditions: s.preconditions.map((p) => (p.id === pre.id ? { ...p, met: value } : p)) } : s,
      ),
    });
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => withMet(cur, met),
      request: () => setPreconditionMet(pre.id, met),
      commit: (cur, r) => withMet(cur, r.precondition.met),
      revert: (cur) => withMet(cur, pre.met),
    });
    view.report(result);
  };

  const add = async (title: string) => {
    const { stage } = await addStage(view.detail().document.id, title);
    view.set({ ...view.detail(), stages: [...view.detail().stages, stage] });
  };

  return (
    <Section id="stages" title={t('doc.stages')}>
      <ListOrEmpty items={view.detail().stages} empty={t('doc.noStages')} class="stages" ordered>
        {(s) => (
          <>
            <strong>{s().title}</strong>
            <Show when={s().startsOn || s().targetOn || s().endsOn}>
              <span class="muted small">
                {' '}
                {[formatDate(s().startsOn), formatDate(s().targetOn), formatDate(s().endsOn)].filter(Boolean).join(' – ')}
              </span>
            </Show>
            <Show when={s().description}>
              <p class="small">{s().description}</p>
            </Show>
            <Show
              when={edit()}
              fallback={
                <p class="small">
                  {t('doc.status')}: {t(`stage.${s().status}`)}
                </p>
              }
            >
              <SelectField
                label={t('doc.stageStatus', { stage: s().title })}
                value={s().status}
                error={refusals()[s().id] || null}
                onChange={(e) => void setStatus(s(), e.currentTarget.value as StageStatus)}
                options={allowedStageStatuses(s()).map((x) => ({ value: x, label: t(`stage.${x}`) }))}
              />
              <Show when={blocked(s()) && !refusals()[s().id]}>
                <p class="small muted" data-testid="stage-blocked">
                  {t('doc.stageBlocked')} {reasonOf(s())}
                </p>
              </Show>
              <Show
                when={editingDates() === s().id}
                fallback={
                  <button type="button" class="button secondary small" onClick={() => setEditingDates(s().id)}>
                    {t('doc.editStage', { stage: s().title })}
                  </button>
                }
              >
                <StageDates view={view} stage={s()} done={() => setEditingDates(null)} />
              </Show>
            </Show>
            <Show when={s().preconditions.length > 0}>
              <p class="small">{t('doc.preconditions')}:</p>
              <ul class="small preconditions">
                <Index each={s().preconditions}>
                  {(p) => (
                    <li>
                      <Show
                        when={edit() && p().requirement === 'other'}
                        fallback={
                          <>
                            {p().description}
                            <Show when={p().requiresStageId}> ({stageTitle(p().requiresStageId)})</Show>
                          </>
                        }
                      >
                        <label class="check">
                          <input type="checkbox" checked={p().met} onChange={(e) => void setMet(s(), p(), e.currentTarget.checked)} />
                          <span>{p().description}</span>
                        </label>
                      </Show>{' '}
                      – <span class={p().met ? 'met' : 'not-met'}>{p().met ? t('doc.met') : t('doc.notMet')}</span>
                    </li>
                  )}
                </Index>
              </ul>
            </Show>
          </>
        )}
      </ListOrEmpty>
      <Show when={edit()}>
        <AddForm label={t('doc.stageTitle')} button={t('doc.addStage')} add={add} />
      </Show>
    </Section>
  );
}
