import { createSignal, Show } from 'solid-js';
import { allSignatoriesApproved, statusMoves } from '../../../../shared/lifecycle.js';
import type { DocumentStatus } from '../../../../shared/schemas.js';
import { changeStatus, patchDocument, withDocument } from '../../api/documents.js';
import { SelectField, TextArea, TextField } from '../../components/ui.js';
import { formatDate, formatDateTime, t } from '../../i18n.js';
import { optimisticUpdate } from '../optimistic.js';
import { Row, Section, type PanelView } from './parts.js';

/** Reference, kind, status, dates: edited in place, the status changed along the lifecycle. */
export function DetailsSection(props: { view: PanelView }) {
  const view = props.view;
  const d = () => view.detail().document;
  const [editing, setEditing] = createSignal(false);
  const [form, setForm] = createSignal({ title: '', reference: '', summary: '', startsOn: '', endsOn: '' });
  const [nextStatus, setNextStatus] = createSignal<string>('');

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
    setEditing(false);
    const result = await optimisticUpdate({
      get: view.detail,
      set: view.set,
      apply: (cur) => ({ ...cur, document: { ...cur.document, ...patch } }),
      request: () => patchDocument(d().id, patch),
      commit: (cur, r) => withDocument(cur, r.document),
    });
    view.report(result);
  };

  // Only moves the server allows: never "published" (that is a publication), "adopted" only
  // once every signatory has approved.
  const moves = () =>
    (statusMoves[d().status] ?? []).filter(
      (s: DocumentStatus) => s !== 'published' && (s !== 'adopted' || allSignatoriesApproved(view.detail().parties)),
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
              <p class="summary">{d().summary}</p>
            </Show>
            <Show when={d().permissions.edit}>
              <button type="button" class="button secondary small" onClick={startEdit}>
                {t('doc.edit')}
              </button>
            </Show>
          </>
        }
      >
        <form class="form compact" onSubmit={(e) => void save(e)}>
          <TextField label={t('doc.title')} required value={form().title} onInput={field('title')} />
          <TextField label={t('doc.reference')} value={form().reference} onInput={field('reference')} />
          <TextArea label={t('doc.summary')} rows={3} value={form().summary} onInput={field('summary')} />
          <TextField label={t('doc.startsOn')} type="date" value={form().startsOn} onInput={field('startsOn')} />
          <TextField label={t('doc.endsOn')} type="date" value={form().endsOn} onInput={field('endsOn')} />
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
