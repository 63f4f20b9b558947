import { createSignal, For, Show } from 'solid-js';
import { limits } from '../../../../shared/limits.js';
import { addResource, removeResource } from '../../api/plan.js';
import { createFormErrors } from '../../components/form-errors.js';
import { Alert, TextField } from '../../components/ui.js';
import { formatFte, t } from '../../i18n.js';
import { optimisticUpdate } from '../optimistic.js';
import type { PanelView } from './parts.js';

/** Resurser: what is put in ("2.0 årsarbetare") and who finances it; added and removed by editors. */
export function ResourcesList(props: { view: PanelView }) {
  const view = props.view;
  const edit = () => view.detail().document.permissions.edit;
  const errors = createFormErrors();
  const [form, setForm] = createSignal({ description: '', fte: '', financedBy: '' });
  const field = (k: keyof ReturnType<typeof form>) => (e: { currentTarget: { value: string } }) => setForm({ ...form(), [k]: e.currentTarget.value });
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    errors.clear();
    const f = form();
    const fte = f.fte.trim() ? Math.round(Number(f.fte.replace(',', '.')) * 100) : null;
    await errors.attempt(async () => {
      const { resource } = await addResource(view.detail().document.id, { description: f.description.trim(), fteHundredths: fte, financedBy: f.financedBy.trim() || null });
      view.set({ ...view.detail(), resources: [...view.detail().resources, resource] });
      setForm({ description: '', fte: '', financedBy: '' });
    });
  };
  const remove = async (id: string) =>
    view.report(
      await optimisticUpdate({
        get: view.detail,
        set: view.set,
        apply: (cur) => ({ ...cur, resources: cur.resources.filter((r) => r.id !== id) }),
        request: () => removeResource(id),
      }),
    );
  return (
    <>
      <h3>{t('doc.resources')}</h3>
      <ul class="plain-list small" data-testid="resources">
        <For each={view.detail().resources}>
          {(r) => (
            <li>
              <span class="user-text">{r.description}</span>
              <Show when={r.fteHundredths !== null}> – {t('doc.fte', { n: formatFte(r.fteHundredths ?? 0) })}</Show>
              <Show when={r.financedBy}> ({r.financedBy})</Show>
              <Show when={edit()}>
                {' '}
                <button type="button" class="button secondary small" onClick={() => void remove(r.id)}>
                  {t('doc.removeResource', { what: r.description })}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={edit()}>
        <form class="form compact" ref={errors.ref} onSubmit={(e) => void submit(e)} novalidate>
          <Show when={errors.message()}>
            <Alert>{errors.message()}</Alert>
          </Show>
          <TextField label={t('doc.resourceDescription')} value={form().description} maxLength={limits.resource} error={errors.field('description')} onInput={field('description')} />
          <TextField label={t('doc.resourceFte')} inputMode="decimal" value={form().fte} error={errors.field('fteHundredths')} onInput={field('fte')} />
          <TextField label={t('doc.resourceFinancedBy')} value={form().financedBy} maxLength={limits.financedBy} error={errors.field('financedBy')} onInput={field('financedBy')} />
          <button type="submit" class="button secondary small">
            {t('doc.addResource')}
          </button>
        </form>
      </Show>
    </>
  );
}
