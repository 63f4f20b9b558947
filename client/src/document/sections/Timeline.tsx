import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { liveSections, type LiveSection } from '../../../../shared/live.js';
import { fetchTimeline, type TimelineFilter } from '../../api/timeline.js';
import { SelectField } from '../../components/ui.js';
import { formatDateTime, t } from '../../i18n.js';
import { Section } from './parts.js';

/* Tidslinje: the document's audit log as who did what when, filtered by kind of change and by person. */

type Page = Awaited<ReturnType<typeof fetchTimeline>>;
type Entry = Page['items'][number];

const verbs = ['create', 'update', 'delete', 'set'] as const;
const verbOf = (action: string) => {
  const last = action.split('.').at(-1) ?? '';
  return t(`verb.${(verbs as readonly string[]).includes(last) ? (last as (typeof verbs)[number]) : 'other'}`);
};

/** `changed`: the page's metadata of the document; each new value (a live change, a save) reloads the timeline. */
export function TimelineSection(props: { documentId: string; changed: unknown }) {
  const [filter, setFilter] = createSignal<TimelineFilter>({ kind: '', actor: '' });
  const [items, setItems] = createSignal<Entry[]>([]);
  const [actors, setActors] = createSignal<Page['actors']>([]);
  const [next, setNext] = createSignal<number | null>(null);

  const load = async (before?: number) => {
    const id = props.documentId;
    try {
      const page = await fetchTimeline(id, filter(), before);
      if (id !== props.documentId) return;
      setItems(before ? [...items(), ...page.items] : page.items);
      setActors(page.actors);
      setNext(page.nextBefore);
    } catch {
      // The timeline keeps what it shows; the next change brings it up to date.
    }
  };
  // Every change on the live channel gives the page new metadata: the timeline follows it.
  createEffect(on([() => props.changed, () => props.documentId, filter], () => void load()));

  return (
    <Section id="timeline" title={t('doc.timeline')}>
      <div class="inline-form compact timeline-filters">
        <SelectField
          label={t('doc.timelineKind')}
          value={filter().kind}
          options={[{ value: '', label: t('doc.timelineAll') }, ...liveSections.map((s) => ({ value: s, label: t(`live.${s}`) }))]}
          onChange={(e) => setFilter({ ...filter(), kind: e.currentTarget.value as LiveSection | '' })}
        />
        <SelectField
          label={t('doc.timelinePerson')}
          value={filter().actor}
          options={[{ value: '', label: t('doc.timelineAll') }, ...actors().map((a) => ({ value: a.id, label: a.name }))]}
          onChange={(e) => setFilter({ ...filter(), actor: e.currentTarget.value })}
        />
      </div>
      <Show when={items().length > 0} fallback={<p class="muted small">{t('doc.timelineEmpty')}</p>}>
        <ol class="plain-list small timeline" data-testid="timeline">
          <For each={items()}>
            {(e) => (
              <li>
                <time datetime={e.at}>{formatDateTime(e.at)}</time>{' '}
                {t('doc.timelineEntry', { who: e.actorName ?? t('doc.someone'), verb: verbOf(e.action), what: t(`live.${e.kind}`) })}
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={next()}>
        <button type="button" class="button secondary small" onClick={() => void load(next()!)}>
          {t('doc.timelineMore')}
        </button>
      </Show>
    </Section>
  );
}
