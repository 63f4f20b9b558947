import { createSignal, Show } from 'solid-js';
import { limits } from '../../../../shared/limits.js';
import { addCheckpoint, patchCheckpoint } from '../../api/plan.js';
import type { Checkpoint } from '../../api/types.js';
import { createFormErrors } from '../../components/form-errors.js';
import { Alert, SelectField, TextArea, TextField } from '../../components/ui.js';
import { t } from '../../i18n.js';
import type { PanelView } from './parts.js';

/** A checkpoint created or edited, its outcome recorded once it has been held. */
export function CheckpointForm(props: { view: PanelView; checkpoint?: Checkpoint; done: () => void }) {
  const c = props.checkpoint;
  const errors = createFormErrors();
  const [form, setForm] = createSignal({
    dueOn: c?.dueOn ?? '',
    title: c?.title ?? '',
    stageId: c?.stageId ?? '',
    reportTo: c?.reportTo ?? '',
    heldOn: c?.heldOn ?? '',
    outcome: c?.outcome ?? '',
  });
  const field = (k: keyof ReturnType<typeof form>) => (e: { currentTarget: { value: string } }) => setForm({ ...form(), [k]: e.currentTarget.value });
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    errors.clear();
    const f = form();
    const base = { dueOn: f.dueOn, title: f.title.trim(), stageId: f.stageId || null, reportTo: f.reportTo.trim() || null };
    await errors.attempt(async () => {
      const { checkpoint } = c
        ? await patchCheckpoint(c.id, { ...base, heldOn: f.heldOn || null, outcome: f.outcome.trim() || null })
        : await addCheckpoint(props.view.detail().document.id, base);
      const cur = props.view.detail();
      const list = c ? cur.checkpoints.map((x) => (x.id === c.id ? checkpoint : x)) : [...cur.checkpoints, checkpoint];
      props.view.set({ ...cur, checkpoints: list.sort((a, b) => a.dueOn.localeCompare(b.dueOn)) });
      props.done();
    });
  };
  return (
    <form class="form compact" ref={errors.ref} onSubmit={(e) => void submit(e)} novalidate>
      <Show when={errors.message()}>
        <Alert>{errors.message()}</Alert>
      </Show>
      <TextField label={t('doc.checkpointDue')} type="date" value={form().dueOn} error={errors.field('dueOn')} onInput={field('dueOn')} />
      <TextField label={t('doc.checkpointTitle')} value={form().title} maxLength={limits.title} error={errors.field('title')} onInput={field('title')} />
      <SelectField
        label={t('doc.stages')}
        value={form().stageId}
        options={[{ value: '', label: '–' }, ...props.view.detail().stages.map((s) => ({ value: s.id, label: s.title }))]}
        error={errors.field('stageId')}
        onChange={field('stageId')}
      />
      <TextField label={t('doc.checkpointReportTo')} value={form().reportTo} maxLength={limits.reportTo} error={errors.field('reportTo')} onInput={field('reportTo')} />
      <Show when={c}>
        <TextField label={t('doc.checkpointHeld')} type="date" value={form().heldOn} error={errors.field('heldOn')} onInput={field('heldOn')} />
        <TextArea label={t('doc.checkpointOutcome')} rows={3} value={form().outcome} maxLength={limits.outcome} error={errors.field('outcome')} onInput={field('outcome')} />
      </Show>
      <div class="form-actions">
        <button type="submit" class="button primary small">
          {t('doc.save')}
        </button>
        <button type="button" class="button secondary small" onClick={() => props.done()}>
          {t('doc.cancel')}
        </button>
      </div>
    </form>
  );
}
