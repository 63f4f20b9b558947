import { createSignal, Show } from 'solid-js';
import { statusMoves } from '../../../../shared/lifecycle.js';
import type { DocumentStatus } from '../../../../shared/schemas.js';
import { changeStatus, patchDocument, withDocument } from '../../api/documents.js';
import { limits } from '../../../../shared/limits.js';
import { createFormErrors, fieldErrorsOf } from '../../components/form-errors.js';
import { Alert, SelectField, TextArea, TextField } from '../../components/ui.js';
import { errorText, formatDate, formatDateTime, t } from '../../i18n.js';
import { optimisticUpdate } from '../optimistic.js';
import { Row, Section, type PanelView } from './parts.js';

/** Reference, kind, status, dates: edited in place, the status changed along the lifecycle. */
export function DetailsSection(props: { view: PanelView }) {
  const view = props.view;
  const d = () => view.detail().document;
  const [editing, setEditing] = createSignal(false);
  const [form, setForm] = createSignal({ title: '', reference: '', summary: '', startsOn: '', endsOn: '' });
  const [nextStatus, setNextStatus] = createSignal<string>('');
  const errors = createFormErrors();

  const startEdit = () => {
    const doc = d();
    setForm({ title: doc.title, reference: doc.reference ?? '', summary: doc.summary ?? '', startsOn: doc.startsOn ?? '', endsOn: doc.endsOn ?? '' });
    setEditing(true);
  };
  const field = (k: keyof ReturnType<typeof form>) => (e: { currentTarget: { value: string } }) => setForm({ ...form(), [k]: e.currentTarget.value });

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = form();
    const patch = {
      title: f.title.trim(),
      reference: f.reference.trim() || null,
      summary: f.summary.trim() || null,
      startsOn: f.startsOn || null,
      endsOn: f.endsOn || null,
    };
    errors.clear();
    setEditing(false);
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => ({ ...cur, document: { ...cur.document, ...patch } }),
      request: () => patchDocument(d().id, patch),
      commit: (cur, r) => withDocument(cur, r.document),
    });
    view.report(result);
    // A refused field goes back into the form, marked, with what was typed.
    if (!result.ok && Object.keys(fieldErrorsOf(result.error)).length) {
      setForm(f);
      setEditing(true);
      errors.show(result.error, errorText(result.error));
    }
  };

  // Only moves the server allows: never "published" (that is a publication), "adopted" only
  // once fresh approvals of the current version meet the agreement's rule (shared/adoption.ts).
  const moves = () =>
    (statusMoves[d().status] ?? []).filter(
      (s: DocumentStatus) => s !== 'published' && (s !== 'adopted' || view.detail().adoption.ok),
    );
  const submitStatus = async (e: SubmitEvent) => {
    e.preventDefault();
    const status = nextStatus() as DocumentStatus;
    if (!status) return;
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => ({ ...cur, document: { ...cur.document, status } }),
      request: () => changeStatus(d().id, status),
      commit: (cur, r) => withDocument(cur, r.document),
    });
    setNextStatus('');
    view.report(result);
  };

  return (
    <Section id="details" title={t('doc.details')}>
      <Show
        when={editing()}
        fallback={
          <>
            <dl class="details">
              <Row label={t('doc.reference')}>{d().reference || t('doc.none')}</Row>
              <Row label={t('doc.kind')}>{t(`kind.${d().kind}`)}</Row>
              <Row label={t('doc.status')}>
                <span data-testid="document-status">{t(`status.${d().status}`)}</span>
              </Row>
              <Show when={d().dialogueRound}>
                <Row label={t('doc.round')}>{d().dialogueRound}</Row>
              </Show>
              <Show when={d().startsOn || d().endsOn}>
                <Row label={t('doc.startsOn')}>{formatDate(d().startsOn) || t('doc.none')}</Row>
                <Row label={t('doc.endsOn')}>{formatDate(d().endsOn) || t('doc.none')}</Row>
              </Show>
              <Row label={t('doc.updated')}>
                <time datetime={d().updatedAt}>{formatDateTime(d().updatedAt)}</time>
              </Row>
            </dl>
            <Show when={d().summary}>
              <p class="summary user-text">{d().summary}</p>
            </Show>
            <Show when={d().permissions.edit}>
              <button type="button" class="button secondary small" onClick={startEdit}>
                {t('doc.edit')}
              </button>
            </Show>
          </>
        }
      >
        <form class="form compact" ref={errors.ref} onSubmit={(e) => void save(e)} novalidate>
          <Show when={errors.message()}>
            <Alert>{errors.message()}</Alert>
          </Show>
          <TextField label={t('doc.title')} required maxLength={limits.title} value={form().title} error={errors.field('title')} onInput={field('title')} />
          <TextField label={t('doc.reference')} maxLength={limits.reference} value={form().reference} error={errors.field('reference')} onInput={field('reference')} />
          <TextArea label={t('doc.summary')} rows={3} maxLength={limits.summary} value={form().summary} error={errors.field('summary')} onInput={field('summary')} />
          <TextField label={t('doc.startsOn')} type="date" value={form().startsOn} error={errors.field('startsOn')} onInput={field('startsOn')} />
          <TextField label={t('doc.endsOn')} type="date" value={form().endsOn} error={errors.field('endsOn')} onInput={field('endsOn')} />
          <div class="form-actions">
            <button type="submit" class="button primary small">
              {t('doc.save')}
            </button>
            <button type="button" class="button secondary small" onClick={() => setEditing(false)}>
              {t('doc.cancel')}
            </button>
          </div>
        </form>
      </Show>
      <Show when={d().permissions.manage && moves().length > 0}>
        <form class="form inline-form compact" onSubmit={(e) => void submitStatus(e)}>
          <SelectField
            label={t('doc.changeStatus')}
            value={nextStatus()}
            onChange={(e) => setNextStatus(e.currentTarget.value)}
            options={[{ value: '', label: '–' }, ...moves().map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <button type="submit" class="button secondary small" disabled={!nextStatus()}>
            {t('doc.statusButton')}
          </button>
        </form>
      </Show>
    </Section>
  );
}
