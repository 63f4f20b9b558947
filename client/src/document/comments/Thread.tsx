import { createSignal, For, Show } from 'solid-js';
import { patchComment, postComment, removeComment } from '../../api/comments.js';
import type { Comment, MentionablePerson } from '../../api/types.js';
import { errorText, formatDateTime, t } from '../../i18n.js';
import { Composer } from './Composer.js';

/*
 * One thread: its passage (the words as they are now, or the quote when they are gone),
 * its comments with replies, and what the person may do: reply, edit or delete their own,
 * resolve or reopen, turn it into a feedback item.
 */

export interface ThreadView {
  root: Comment;
  replies: Comment[];
}

export interface ThreadProps {
  thread: ThreadView;
  documentId: string;
  me: string;
  canComment: boolean;
  /** Whoever manages the document may delete anyone's comment. */
  canManage: boolean;
  people: MentionablePerson[];
  active: boolean;
  onActivate: () => void;
  onShowInText: () => void;
  onFeedback: () => void;
}

/** The body with each mentioned "@Name" set apart. */
function Body(props: { comment: Comment }) {
  const parts = () => {
    const names = props.comment.mentions.map((m) => `@${m.name}`).sort((a, b) => b.length - a.length);
    if (!names.length) return [props.comment.body];
    const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return props.comment.body.split(new RegExp(`(${escaped.join('|')})`, 'g'));
  };
  return (
    <p class="comment-body">
      <For each={parts()}>{(part) => (part.startsWith('@') && props.comment.mentions.some((m) => `@${m.name}` === part) ? <strong class="mention">{part}</strong> : part)}</For>
    </p>
  );
}

function OneComment(props: { comment: Comment; thread: ThreadProps }) {
  const [editing, setEditing] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const k = () => props.comment;
  const mine = () => k().authorId === props.thread.me;
  const remove = async () => {
    if (!window.confirm(t('comments.confirmDelete'))) return;
    try {
      await removeComment(props.thread.documentId, k().id);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <li class="comment" classList={{ removed: k().deletedAt !== null }}>
      <p class="comment-meta">
        <strong>{k().authorName ?? t('comments.unknownAuthor')}</strong>{' '}
        <time datetime={k().createdAt}>{formatDateTime(new Date(k().createdAt))}</time>
        <Show when={k().updatedAt !== k().createdAt && !k().deletedAt && !k().resolvedAt}>
          <span class="muted"> ({t('comments.edited')})</span>
        </Show>
      </p>
      <Show when={!k().deletedAt} fallback={<p class="muted comment-body">{t('comments.removed')}</p>}>
        <Show
          when={editing()}
          fallback={<Body comment={k()} />}
        >
          <Composer
            label={t('comments.edit')}
            people={props.thread.people}
            initial={{ body: k().body, mentions: k().mentions.map((m) => m.userId) }}
            submitLabel={t('comments.save')}
            autofocus
            onSubmit={async (draft) => {
              await patchComment(props.thread.documentId, k().id, draft);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        </Show>
        <Show when={props.thread.canComment && !editing() && (mine() || props.thread.canManage)}>
          <div class="comment-actions">
            <Show when={mine()}>
              <button type="button" class="link-button" onClick={() => setEditing(true)}>
                {t('comments.edit')}
              </button>
            </Show>
            <button type="button" class="link-button" onClick={() => void remove()}>
              {t('comments.delete')}
            </button>
          </div>
        </Show>
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
    </li>
  );
}

export function Thread(props: ThreadProps) {
  const [replying, setReplying] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const root = () => props.thread.root;
  const gone = () => root().anchor !== null && root().anchoredText === null;
  const toggleResolved = async () => {
    try {
      await patchComment(props.documentId, root().id, { resolved: root().resolvedAt === null });
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <article
      class="comment-thread"
      classList={{ active: props.active, resolved: root().resolvedAt !== null }}
      id={`thread-${root().id}`}
      data-thread={root().id}
      tabindex="-1"
      aria-label={t('comments.thread', { name: root().authorName ?? t('comments.unknownAuthor') })}
      onFocusIn={() => props.onActivate()}
    >
      <Show when={root().quote || root().anchoredText}>
        <Show when={!gone()} fallback={<p class="comment-quote gone"><span class="badge">{t('comments.onDeletedText')}</span> <q>{root().quote}</q></p>}>
          <button type="button" class="comment-quote link-button" onClick={() => props.onShowInText()} title={t('comments.showInText')}>
            <q>{root().anchoredText ?? root().quote}</q>
          </button>
        </Show>
      </Show>
      <Show when={root().resolvedAt}>
        <span class="badge">{t('comments.resolvedBadge')}</span>
      </Show>
      <Show when={root().feedbackId}>
        <span class="badge">{t('comments.isFeedback')}</span>
      </Show>
      <ul class="comment-list">
        <OneComment comment={root()} thread={props} />
        <For each={props.thread.replies}>{(reply) => <OneComment comment={reply} thread={props} />}</For>
      </ul>
      <Show when={props.canComment}>
        <div class="comment-actions">
          <button type="button" class="link-button" aria-expanded={replying() ? 'true' : 'false'} onClick={() => setReplying((r) => !r)}>
            {t('comments.reply')}
          </button>
          <button type="button" class="link-button" onClick={() => void toggleResolved()}>
            {root().resolvedAt ? t('comments.reopen') : t('comments.resolve')}
          </button>
          <Show when={!root().feedbackId && !root().deletedAt}>
            <button type="button" class="link-button" onClick={() => props.onFeedback()}>
              {t('comments.toFeedback')}
            </button>
          </Show>
        </div>
        <Show when={replying()}>
          <Composer
            label={t('comments.replyLabel')}
            people={props.people}
            submitLabel={t('comments.send')}
            autofocus
            onSubmit={async (draft) => {
              await postComment(props.documentId, { ...draft, parentId: root().id });
              setReplying(false);
            }}
            onCancel={() => setReplying(false)}
          />
        </Show>
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
    </article>
  );
}
