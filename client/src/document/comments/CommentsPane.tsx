import type { Editor } from '@tiptap/core';
import { createEffect, createMemo, createSignal, createUniqueId, For, on, onCleanup, onMount, Show } from 'solid-js';
import type { TextAnchor } from '../../../../shared/anchor.js';
import { createCommentsQuery, createPeopleQuery, postComment } from '../../api/comments.js';
import type { Comment, DocumentDetail } from '../../api/types.js';
import { anchorRange, selectionAnchor } from '../../editor/anchors.js';
import { showCommentAnchors } from '../../editor/comment-decorations.js';
import { SelectionBubble } from '../../editor/SelectionBubble.js';
import { t } from '../../i18n.js';
import { Composer } from './Composer.js';
import { FeedbackForm } from './FeedbackForm.js';
import { Thread, type ThreadView } from './Thread.js';

/*
 * Comments beside the text: the threads in the order of their passages, filtered open /
 * resolved / mine; a new comment on the selection (the button, Ctrl+Alt+M, or the
 * selection bubble); the highlighted spans in the editor; and feedback on a passage.
 * Clicking a thread's quote shows its words, clicking the words opens the thread.
 */

type Filter = 'open' | 'resolved' | 'mine';
type Passage = { anchor: TextAnchor; quote: string };
type FeedbackDraft = { passage: Passage | null; commentId?: string; body?: string; quote?: string | null };

export interface CommentsPaneProps {
  detail: DocumentDetail;
  editor: Editor | null;
  me: string;
  active: string | null;
  setActive: (id: string | null) => void;
}

function threadsOf(comments: Comment[]): ThreadView[] {
  const roots = comments.filter((c) => c.parentId === null);
  return roots
    .map((root) => ({ root, replies: comments.filter((c) => c.parentId === root.id) }))
    .filter((th) => !th.root.deletedAt || th.replies.some((r) => !r.deletedAt))
    .sort((a, b) => (a.root.position ?? Number.MAX_SAFE_INTEGER) - (b.root.position ?? Number.MAX_SAFE_INTEGER) || a.root.createdAt.localeCompare(b.root.createdAt));
}

export function CommentsPane(props: CommentsPaneProps) {
  const id = createUniqueId();
  const documentId = () => props.detail.document.id;
  const comments = createCommentsQuery(documentId);
  const people = createPeopleQuery(documentId);
  const [filter, setFilter] = createSignal<Filter>('open');
  const [draft, setDraft] = createSignal<Passage | null>(null);
  const [feedback, setFeedback] = createSignal<FeedbackDraft | null>(null);
  const [notice, setNotice] = createSignal('');
  const canComment = () => props.detail.document.permissions.comment;

  const all = createMemo(() => threadsOf(comments.resource.error ? [] : (comments.resource.latest ?? [])));
  const involvesMe = (th: ThreadView) => [th.root, ...th.replies].some((c) => c.authorId === props.me || c.mentions.some((m) => m.userId === props.me));
  const byId = createMemo(() => new Map(all().map((th) => [th.root.id, th])));
  const shown = createMemo(() =>
    all().filter((th) => (filter() === 'open' ? !th.root.resolvedAt : filter() === 'resolved' ? th.root.resolvedAt !== null : involvesMe(th))),
  );

  // The open threads' words are highlighted for everyone; the open one also when resolved.
  createEffect(() => {
    const editor = props.editor;
    if (!editor) return;
    const visible = all()
      .filter((th) => th.root.anchor && !th.root.deletedAt && (!th.root.resolvedAt || th.root.id === props.active))
      .map((th) => ({ id: th.root.id, anchor: th.root.anchor! }));
    showCommentAnchors(editor, visible, props.active);
  });

  // A span clicked (or a link to the thread): show the thread, with the filter that has it. A
  // link may name it before the threads have loaded: then it is shown once they are.
  let pending: string | null = null;
  const reveal = (active: string) => {
    const th = all().find((x) => x.root.id === active);
    if (!th) return false;
    if (!shown().includes(th)) setFilter(th.root.resolvedAt ? 'resolved' : 'open');
    queueMicrotask(() => {
      const el = document.getElementById(`thread-${active}`);
      if (el && !el.contains(document.activeElement)) {
        el.scrollIntoView({ block: 'nearest' });
        el.focus();
      }
    });
    return true;
  };
  createEffect(
    on(
      () => props.active,
      (active) => {
        pending = active && !reveal(active) ? active : null;
      },
    ),
  );
  createEffect(
    on(all, () => {
      if (pending && reveal(pending)) pending = null;
    }),
  );

  function fromSelection(): Passage | null {
    const sel = props.editor ? selectionAnchor(props.editor) : null;
    if (!sel) setNotice(t('comments.selectFirst'));
    return sel;
  }
  const startComment = () => {
    const sel = fromSelection();
    if (sel) setDraft(sel);
  };
  const startFeedback = () => {
    const sel = fromSelection();
    if (sel) setFeedback({ passage: sel });
  };

  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.altKey && e.code === 'KeyM' && canComment()) {
        e.preventDefault();
        // After the selection changes the keys just made are taken in (the editor reads them from selectionchange).
        setTimeout(startComment, 0);
      }
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  function showInText(th: ThreadView) {
    props.setActive(th.root.id);
    const editor = props.editor;
    if (!editor || !th.root.anchor) return;
    const range = anchorRange(editor, th.root.anchor);
    if (!range) return;
    if (editor.isEditable) editor.chain().focus().setTextSelection(range).scrollIntoView().run();
    else editor.view.dom.querySelector(`[data-thread="${th.root.id}"]`)?.scrollIntoView({ block: 'center' });
  }

  return (
    <section class="comments-pane" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('comments.heading')}</h2>
      <Show when={canComment()}>
        <div class="comment-actions">
          <button type="button" class="button primary" onMouseDown={(e) => e.preventDefault()} onClick={startComment} aria-keyshortcuts="Control+Alt+M">
            {t('comments.commentSelection')} <kbd>{t('comments.shortcut')}</kbd>
          </button>
          <button type="button" class="button secondary" onMouseDown={(e) => e.preventDefault()} onClick={startFeedback}>
            {t('comments.feedbackOnSelection')}
          </button>
        </div>
        <Show when={props.editor}>{(editor) => <SelectionBubble editor={editor()} onComment={startComment} onFeedback={startFeedback} />}</Show>
      </Show>
      <p class="muted" aria-live="polite">
        {notice()}
      </p>
      <Show when={draft()}>
        {(d) => (
          <div class="card new-comment">
            <p class="comment-quote">
              <q>{d().quote}</q>
            </p>
            <Composer
              label={t('comments.newComment')}
              people={people.resource.latest ?? []}
              submitLabel={t('comments.send')}
              autofocus
              onSubmit={async (input) => {
                const created = await postComment(documentId(), { ...input, anchor: d().anchor, quote: d().quote });
                setDraft(null);
                setNotice('');
                props.setActive(created.id);
              }}
              onCancel={() => setDraft(null)}
            />
          </div>
        )}
      </Show>
      <Show when={feedback()}>
        {(f) => (
          <FeedbackForm
            detail={props.detail}
            passage={f().passage}
            commentId={f().commentId}
            initialBody={f().body}
            quote={f().quote}
            onDone={() => {
              setFeedback(null);
              setNotice(t('comments.recorded'));
            }}
            onCancel={() => setFeedback(null)}
          />
        )}
      </Show>
      <fieldset class="comment-filter">
        <legend>{t('comments.filter')}</legend>
        <For each={['open', 'resolved', 'mine'] as const}>
          {(f) => (
            <label>
              <input type="radio" name={`${id}-filter`} value={f} checked={filter() === f} onChange={() => setFilter(f)} /> {t(`comments.${f}`)}
            </label>
          )}
        </For>
      </fieldset>
      <p class="muted" aria-live="polite">
        {t('comments.count', { n: shown().length })}
      </p>
      <Show when={shown().length > 0} fallback={<p class="muted">{t('comments.none')}</p>}>
        {/* By id, so a refetch keeps each thread's own state (an open reply, an edit). */}
        <For each={shown().map((th) => th.root.id)}>
          {(threadId) => (
            <Show when={byId().get(threadId)}>
              {(th) => (
            <Thread
              thread={th()}
              documentId={documentId()}
              me={props.me}
              canComment={canComment()}
              canManage={props.detail.document.permissions.manage}
              people={people.resource.latest ?? []}
              active={props.active === threadId}
              onActivate={() => props.setActive(threadId)}
              onShowInText={() => showInText(th())}
              onFeedback={() => setFeedback({ passage: null, commentId: th().root.id, body: th().root.body, quote: th().root.anchoredText ?? th().root.quote })}
            />
              )}
            </Show>
          )}
        </For>
      </Show>
    </section>
  );
}
