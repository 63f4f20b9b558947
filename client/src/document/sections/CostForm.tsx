import { createSignal, For, Index, Show } from 'solid-js';
import { limits } from '../../../../shared/limits.js';
import { setCostShares } from '../../api/plan.js';
import { createFormErrors } from '../../components/form-errors.js';
import { Alert, SelectField, TextField } from '../../components/ui.js';
import { formatPercent, t } from '../../i18n.js';
import type { PanelView } from './parts.js';

/*
 * The cost shares as one list, per stage or for the whole agreement, with the sum of each
 * split shown as it is typed: saving is possible once every split reaches 100 %. A split
 * "delas solidariskt" is carried jointly: its shares are equal and marked joint.
 */

interface Line {
  label: string;
  /** Per cent as typed ("50", "33,34"). */
  percent: string;
  stageId: string;
  partyId: string | null;
  note: string;
}

const toBasisPoints = (percent: string) => Math.round(Number(percent.replace(',', '.').trim() || 'NaN') * 100);

export function CostForm(props: { view: PanelView; done: () => void }) {
  const view = props.view;
  const errors = createFormErrors();
  const [lines, setLines] = createSignal<Line[]>(
    view.detail().costShares.map((c) => ({ label: c.label, percent: String(c.basisPoints / 100), stageId: c.stageId ?? '', partyId: c.partyId, note: c.note ?? '' })),
  );
  const [joint, setJoint] = createSignal<Set<string>>(new Set(view.detail().costShares.filter((c) => c.joint).map((c) => c.stageId ?? '')));
  const scopes = () => [...new Set(lines().map((l) => l.stageId))];
  const scopeName = (stageId: string) => (stageId ? (view.detail().stages.find((s) => s.id === stageId)?.title ?? '') : t('doc.costWhole'));
  const sumOf = (stageId: string) => lines().filter((l) => l.stageId === stageId).reduce((n, l) => n + (toBasisPoints(l.percent) || 0), 0);
  const allAdd = () => scopes().every((s) => sumOf(s) === 10000);
  const change = (i: number, patch: Partial<Line>) => setLines(lines().map((l, n) => (n === i ? { ...l, ...patch } : l)));

  /** Equal shares for a joint split, the remainder on the first so the sum is exactly 100 %. */
  const toggleJoint = (stageId: string, on: boolean) => {
    const next = new Set(joint());
    if (on) next.add(stageId);
    else next.delete(stageId);
    setJoint(next);
    if (!on) return;
    const idx = lines().flatMap((l, i) => (l.stageId === stageId ? [i] : []));
    const each = Math.floor(10000 / idx.length);
    setLines(lines().map((l, i) => (idx.includes(i) ? { ...l, percent: String((i === idx[0] ? 10000 - each * (idx.length - 1) : each) / 100) } : l)));
  };

  const stageOptions = () => [{ value: '', label: t('doc.costWhole') }, ...view.detail().stages.map((s) => ({ value: s.id, label: s.title }))];

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    errors.clear();
    const items = lines().map((l) => ({
      label: l.label.trim(),
      basisPoints: toBasisPoints(l.percent),
      stageId: l.stageId || null,
      partyId: l.partyId,
      note: l.note.trim() || null,
      joint: joint().has(l.stageId),
    }));
    await errors.attempt(async () => {
      const { items: saved } = await setCostShares(view.detail().document.id, items);
      view.set({ ...view.detail(), costShares: saved });
      props.done();
    });
  };

  return (
    <form class="form compact cost-form" ref={errors.ref} onSubmit={(e) => void submit(e)} novalidate>
      <Show when={errors.message()}>
        <Alert>{errors.message()}</Alert>
      </Show>
      <ol class="cost-lines">
        <Index each={lines()}>
          {(l, i) => (
            <li>
              <TextField label={t('doc.costLabel', { n: i + 1 })} value={l().label} maxLength={limits.costLabel} error={errors.field(`items.${i}.label`)} onInput={(e) => change(i, { label: e.currentTarget.value })} />
              <TextField
                label={t('doc.costPercent', { n: i + 1 })}
                inputMode="decimal"
                value={l().percent}
                readOnly={joint().has(l().stageId)}
                error={errors.field(`items.${i}.basisPoints`)}
                onInput={(e) => change(i, { percent: e.currentTarget.value })}
              />
              <SelectField label={t('doc.costStage', { n: i + 1 })} value={l().stageId} options={stageOptions()} onChange={(e) => change(i, { stageId: e.currentTarget.value })} />
              <button type="button" class="button secondary small" onClick={() => setLines(lines().filter((_, n) => n !== i))}>
                {t('doc.removeShare', { n: i + 1 })}
              </button>
            </li>
          )}
        </Index>
      </ol>
      <button type="button" class="button secondary small" onClick={() => setLines([...lines(), { label: '', percent: '', stageId: '', partyId: null, note: '' }])}>
        {t('doc.addShare')}
      </button>
      <div aria-live="polite" data-testid="cost-sums">
        <For each={scopes()}>
          {(scope) => (
            <div class="cost-sum">
              <p classList={{ 'sum-off': sumOf(scope) !== 10000, small: true }}>{t('doc.costSum', { scope: scopeName(scope), sum: formatPercent(sumOf(scope)) })}</p>
              <label class="check small">
                <input type="checkbox" checked={joint().has(scope)} onChange={(e) => toggleJoint(scope, e.currentTarget.checked)} />
                <span>
                  {t('doc.costJoint')}: {scopeName(scope)}
                </span>
              </label>
            </div>
          )}
        </For>
        <Show when={!allAdd()}>
          <p class="field-error">{t('doc.costSumOff')}</p>
        </Show>
      </div>
      <Show when={errors.field('items')}>
        <p class="field-error">{errors.field('items')}</p>
      </Show>
      <div class="form-actions">
        <button type="submit" class="button primary small" disabled={!allAdd()}>
          {t('doc.save')}
        </button>
        <button type="button" class="button secondary small" onClick={() => props.done()}>
          {t('doc.cancel')}
        </button>
      </div>
    </form>
  );
}
