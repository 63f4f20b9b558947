import { createSignal, Show } from 'solid-js';
import { patchStage } from '../../api/plan.js';
import type { Stage } from '../../api/types.js';
import { createFormErrors } from '../../components/form-errors.js';
import { Alert, TextField } from '../../components/ui.js';
import { t } from '../../i18n.js';
import type { PanelView } from './parts.js';

/** A stage's start, target and end dates, edited in place; an end before the start is marked on its field. */
export function StageDates(props: { view: PanelView; stage: Stage; done: () => void }) {
  const s = props.stage;
  const errors = createFormErrors();
  const [form, setForm] = createSignal({ startsOn: s.startsOn ?? '', targetOn: s.targetOn ?? '', endsOn: s.endsOn ?? '' });
  const field = (k: keyof ReturnType<typeof form>) => (e: { currentTarget: { value: string } }) => setForm({ ...form(), [k]: e.currentTarget.value });
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    errors.clear();
    const f = form();
    await errors.attempt(async () => {
      const { stage } = await patchStage(s.id, { startsOn: f.startsOn || null, targetOn: f.targetOn || null, endsOn: f.endsOn || null });
      const cur = props.view.detail();
      props.view.set({ ...cur, stages: cur.stages.map((x) => (x.id === s.id ? stage : x)) });
      props.done();
    });
  };
  return (
    <form class="form compact" ref={errors.ref} onSubmit={(e) => void submit(e)} novalidate>
      <Show when={errors.message()}>
        <Alert>{errors.message()}</Alert>
      </Show>
      <TextField label={t('doc.stageStarts')} type="date" value={form().startsOn} error={errors.field('startsOn')} onInput={field('startsOn')} />
      <TextField label={t('doc.stageTarget')} type="date" value={form().targetOn} error={errors.field('targetOn')} onInput={field('targetOn')} />
      <TextField label={t('doc.stageEnds')} type="date" value={form().endsOn} error={errors.field('endsOn')} onInput={field('endsOn')} />
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
