import { createEffect, createMemo, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import type { Editor } from '@tiptap/core';
import { CloseCodes } from '../../../shared/errors.js';
import { inheritedSections } from '../../../shared/live.js';
import { isFrozen } from '../../../shared/permissions.js';
import { Codes, hasCode } from '../api/client.js';
import { Alert, Loading, StatusBadge } from '../components/ui.js';
import { CommentsPane } from '../document/comments/CommentsPane.js';
import { DocumentPanel } from '../document/DocumentPanel.js';
import { TimelineSection } from '../document/sections/Timeline.js';
import { createDocumentStore } from '../document/store.js';
import { colorFor } from '../editor/colors.js';
import { openCollabSession } from '../editor/collab-session.js';
import { CommentDecorations } from '../editor/comment-decorations.js';
import { LiveEditor, type Person } from '../editor/LiveEditor.js';
import { followLive } from '../live/follow.js';
import { errorText, t } from '../i18n.js';
import { documentPath, Link, location } from '../router.js';
import { useSession } from '../session.js';
import { usePageTitle } from './title.js';

const approvalsRefreshMs = 700;

/**
 * An agreement (or minutes, or a bilaga): the live text in the middle, its metadata
 * beside it. Loaded lazily with the editor.
 */
export default function DocumentPage(props: { id: string }) {
  const session = useSession();
  const store = createDocumentStore(() => props.id);
  const detail = store.detail;
  const loaded = store.loaded;
  const [presence, setPresence] = createSignal<Person[]>([]);
  const [editor, setEditor] = createSignal<Editor | null>(null);
  // The open comment thread: from a link (?thread=, the start page's mentions), a click on its words or the list.
  // Every open request counts, also for the thread already open (the words clicked again show it again).
  const [activeThread, setActiveThread] = createSignal<string | null>(new URLSearchParams(location().search).get('thread'), { equals: false });
  const commentHighlights = CommentDecorations.configure({ onOpen: (id) => setActiveThread(id) });
  // The live document opens at once, so its sync runs while the metadata and the editor load.
  const collab = createMemo(() => {
    const live = openCollabSession(props.id);
    onCleanup(() => live.destroy());
    return live;
  });

  // The live connection learnt that the session is gone: ask the hub, which shows the login page.
  createEffect(() => {
    if (collab().connection.closeCode === CloseCodes.unauthenticated.code) void session.load();
  });

  const doc = () => loaded()?.document;
  const parent = store.parent;
  // A text edit is a new version without a live-channel event: while approvals are being given,
  // ask again for the version and the approvals against it once the typing pauses.
  createEffect(() => {
    const { ydoc } = collab();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      if (loaded()?.document.status !== 'proposed') return;
      clearTimeout(timer);
      timer = setTimeout(() => void store.refresh('approvals'), approvalsRefreshMs);
    };
    ydoc.on('update', onUpdate);
    onCleanup(() => {
      clearTimeout(timer);
      ydoc.off('update', onUpdate);
    });
  });
  // Others' metadata changes appear without a reload, each section refetched on its own.
  followLive({
    documentId: () => doc()?.id,
    seq: () => loaded()?.eventSeq,
    onChanged: (sections) => {
      for (const section of sections) void store.refresh(section);
    },
    onReset: () => {
      void store.reload();
      // The threads are a query of their own: the whole-detail reload does not bring them.
      void store.refresh('comments');
    },
    onClosed: (code) => code === CloseCodes.unauthenticated.code && void session.load(),
  });
  // A bilaga shows its agreement's title, parties, approvals and status: follow the agreement too.
  followLive({
    documentId: () => doc()?.parentId,
    seq: () => parent()?.eventSeq,
    onChanged: (sections) => {
      // Minutes show their meeting and its feedback, both audited on the agreement.
      const dialogue = doc()?.kind === 'minutes' && [...sections].some((s) => s === 'meetings' || s === 'feedback');
      if (dialogue) {
        void store.reloadParent();
        void store.refresh('meetings');
      }
      if (![...sections].some((s) => s === 'document' || inheritedSections.has(s))) return;
      void store.reloadParent();
      void store.reload();
    },
    onReset: () => {
      void store.reloadParent();
      void store.reload();
    },
  });
  usePageTitle(() => doc()?.title);

  // The party the person acts for here: their membership among the document's parties, else their first.
  const actingParty = createMemo(() => {
    const d = loaded();
    const memberships = session.state.memberships;
    if (!d) return '';
    const ids = new Set([d.document.ownerPartyId, ...d.parties.map((p) => p.partyId)]);
    const m = memberships.find((x) => ids.has(x.partyId)) ?? memberships[0];
    if (!m) return '';
    return m.party?.shortName || m.party?.name || d.parties.find((p) => p.partyId === m.partyId)?.name || '';
  });

  const notFound = () => hasCode(detail.error, Codes.notFound, Codes.forbidden);

  return (
    <div class="page document-page">
      <Switch>
        <Match when={detail.error}>
          <h1>{notFound() ? t('error.notFound') : t('app.error', { message: '' })}</h1>
          <Alert>{notFound() ? t('doc.notFound') : errorText(detail.error)}</Alert>
          <p>
            <Show when={!notFound()}>
              <button type="button" class="button secondary" onClick={() => void store.reload()}>
                {t('app.retry')}
              </button>{' '}
            </Show>
            <Link href="/">{t('doc.back')}</Link>
          </p>
        </Match>
        <Match when={!loaded()}>
          <Loading label={t('doc.loading')} />
        </Match>
        <Match when={loaded()}>
          {(d) => (
            <>
              <header class="document-header">
                <Show when={d().document.parentId}>
                  <p class="breadcrumb">
                    {t('doc.parent')}:{' '}
                    <Link href={documentPath(d().document.parentId!)}>{parent()?.document.title ?? '…'}</Link>
                  </p>
                </Show>
                <h1>
                  <Show when={d().document.attachmentNumber}>
                    <span class="muted">{t('doc.attachment', { n: d().document.attachmentNumber! })}: </span>
                  </Show>
                  {d().document.title}
                </h1>
                <p class="document-meta">
                  <span>{t(`kind.${d().document.kind}`)}</span>
                  <Show when={d().document.reference}>
                    <span>{d().document.reference}</span>
                  </Show>
                  <StatusBadge status={d().document.status} />
                </p>
              </header>
              <div class="document-layout">
                <section class="document-main" aria-label={t('doc.editor')}>
                  <Show when={!d().document.permissions.edit && isFrozen(d().document.status)}>
                    <p class="muted">{t('doc.frozen', { status: t(`status.${d().document.status}`) })}</p>
                  </Show>
                  <Show when={collab().documentId === d().document.id ? collab() : null} keyed>
                    {(live) => (
                      <LiveEditor
                        session={live}
                        editable={d().document.permissions.edit}
                        label={`${t('doc.editor')}: ${d().document.title}`}
                        user={{
                          id: session.state.user?.id ?? '',
                          name: session.state.user?.name ?? '',
                          party: actingParty(),
                          color: colorFor(session.state.user?.id ?? ''),
                        }}
                        onPresence={setPresence}
                        extensions={[commentHighlights]}
                        onEditor={setEditor}
                      />
                    )}
                  </Show>
                  <CommentsPane detail={d()} editor={editor()} me={session.state.user?.id ?? ''} active={activeThread()} setActive={setActiveThread} />
                </section>
                <DocumentPanel
                  detail={d()}
                  parent={parent()}
                  mutate={store.set}
                  refetch={store.reload}
                  presence={presence()}
                  parties={store.parties()}
                  editor={editor()}
                  refresh={store.refresh}
                />
                <div class="document-timeline">
                  <TimelineSection documentId={d().document.id} changed={d()} />
                </div>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
