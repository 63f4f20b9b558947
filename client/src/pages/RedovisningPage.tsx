import { For, Show } from 'solid-js';
import { createDocumentQuery } from '../api/documents.js';
import type { DocumentDetail, Feedback } from '../api/types.js';
import { Alert, Loading } from '../components/ui.js';
import { errorText, formatDate, t } from '../i18n.js';
import { documentPath, Link } from '../router.js';
import { usePageTitle } from './title.js';

interface Group {
  key: string;
  title: string;
  parties: Array<{ name: string; items: Feedback[] }>;
}

/** Every item by round (in order; those of no round last), then by party (by name). */
function grouped(d: DocumentDetail, noRound: string): Group[] {
  const partyName = (id: string) => d.parties.find((p) => p.partyId === id)?.name ?? '';
  const byParty = (items: Feedback[]) =>
    [...new Set(items.map((f) => f.partyId))]
      .map((id) => ({ name: partyName(id), items: items.filter((f) => f.partyId === id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const groups: Group[] = d.rounds.map((r) => ({ key: r.id, title: r.title || t('doc.roundTitle', { n: r.number }), parties: byParty(d.feedback.filter((f) => f.roundId === r.id)) }));
  const loose = d.feedback.filter((f) => !f.roundId || !d.rounds.some((r) => r.id === f.roundId));
  if (loose.length) groups.push({ key: 'none', title: noRound, parties: byParty(loose) });
  return groups.filter((g) => g.parties.length > 0);
}

/** /documents/<id>/redovisning: the account of every feedback item and what became of it, as bilaga 1 of HSN 335-2019; printable. */
export default function RedovisningPage(props: { id: string }) {
  const query = createDocumentQuery(() => props.id);
  const detail = () => (query.resource.error ? undefined : query.resource());
  usePageTitle(() => (detail() ? `${t('dlg.redovisning')}: ${detail()!.document.title}` : t('dlg.redovisning')));
  return (
    <div class="page redovisning">
      <Show when={!query.resource.error} fallback={<Alert>{errorText(query.resource.error)}</Alert>}>
        <Show when={detail()} fallback={<Loading />}>
          {(d) => (
            <>
              <p class="breadcrumb no-print">
                <Link href={documentPath(d().document.id)}>{d().document.title}</Link>
              </p>
              <h1>{t('dlg.redovisningOf', { title: d().document.title })}</h1>
              <p class="document-meta">
                <Show when={d().document.reference}>
                  <span>{d().document.reference}</span>
                </Show>
                <span>{t('dlg.itemsCount', { n: d().feedback.length })}</span>
              </p>
              <p class="no-print">
                <button type="button" class="button secondary" onClick={() => window.print()}>
                  {t('dlg.print')}
                </button>
              </p>
              <Show when={d().feedback.length > 0} fallback={<p class="muted">{t('dlg.noFeedback')}</p>}>
                <For each={grouped(d(), t('dlg.noRound'))}>
                  {(g) => (
                    <section class="redovisning-round" aria-labelledby={`round-${g.key}`}>
                      <h2 id={`round-${g.key}`}>{g.title}</h2>
                      <For each={g.parties}>
                        {(p) => (
                          <>
                            <h3>{p.name}</h3>
                            <table class="redovisning-table">
                              <thead>
                                <tr>
                                  <th scope="col">{t('dlg.point')}</th>
                                  <th scope="col">{t('dlg.state')}</th>
                                  <th scope="col">{t('dlg.answerLabel')}</th>
                                </tr>
                              </thead>
                              <tbody>
                                <For each={p.items}>
                                  {(f) => (
                                    <tr>
                                      <td>
                                        {f.body}
                                        <span class="muted small"> ({formatDate(f.createdAt)})</span>
                                      </td>
                                      <td>{t(`feedback.${f.state}`)}</td>
                                      <td>
                                        {f.answer ?? ''}
                                        <Show when={f.location}>
                                          <br />
                                          <span class="small">{t('dlg.whereLabel', { where: f.location! })}</span>
                                        </Show>
                                        <Show when={f.incorporatedAnchor?.quote}>
                                          <br />
                                          <q class="small">{f.incorporatedAnchor!.quote}</q>
                                        </Show>
                                      </td>
                                    </tr>
                                  )}
                                </For>
                              </tbody>
                            </table>
                          </>
                        )}
                      </For>
                    </section>
                  )}
                </For>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}
