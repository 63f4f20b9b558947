import { type AnyExtension, Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { createEffect, createSignal, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import { documentExtensions, documentFragment } from '../../../shared/editor/extensions.js';
import { closeText, formatDateTime, t, type MessageKey } from '../i18n.js';
import type { CollabSession } from './collab-session.js';
import { readOnlyCopy } from './read-only-doc.js';
import { Toolbar } from './Toolbar.js';
import './prosemirror.css';

export interface Person {
  clientId: number;
  id: string;
  name: string;
  party: string;
  color: string;
  self: boolean;
}

export interface LiveEditorProps {
  /** The open Y.Doc and provider (see collab-session.ts). */
  session: CollabSession;
  editable: boolean;
  user: { id: string; name: string; party: string; color: string };
  label: string;
  onPresence?: (people: Person[]) => void;
  /** More editor extensions (the comment highlights). */
  extensions?: AnyExtension[];
  /** The editor once made, null once gone (a new one comes when `editable` changes). */
  onEditor?: (editor: Editor | null) => void;
}

/** A remote caret: a coloured bar with the person's name and party. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#1d4ed8';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = color;
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  const name = typeof user.name === 'string' ? user.name : '?';
  label.textContent = typeof user.party === 'string' && user.party ? `${name} (${user.party})` : name;
  caret.append(label);
  return caret;
}

/**
 * The live editor: a TipTap editor on the session's Y.Doc, synced by y-websocket with
 * /collab/<id>. The editor is created in onMount and destroyed in onCleanup; the page
 * that opened the session destroys the provider and Y.Doc in its own onCleanup.
 */
export function LiveEditor(props: LiveEditorProps) {
  let host!: HTMLDivElement;
  const [editor, setEditor] = createSignal<Editor | null>(null);
  const conn = props.session.connection;

  onMount(() => {
    const { ydoc, provider } = props.session;

    const publishPresence = () => {
      const people: Person[] = [];
      provider.awareness.getStates().forEach((state, clientId) => {
        const u = (state as { user?: Record<string, unknown> }).user;
        if (!u || typeof u.name !== 'string') return;
        people.push({
          clientId,
          id: typeof u.id === 'string' ? u.id : String(clientId),
          name: u.name,
          party: typeof u.party === 'string' ? u.party : '',
          color: typeof u.color === 'string' ? u.color : '#1d4ed8',
          self: clientId === ydoc.clientID,
        });
      });
      people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, 'sv'));
      props.onPresence?.(people);
    };
    provider.awareness.on('change', publishPresence);
    onCleanup(() => provider.awareness.off('change', publishPresence));

    // Editing and reading bind to different documents (read-only-doc.ts): a change of permission
    // while the page is open (a status move freezes the text) makes a new editor on the right one.
    createEffect(
      on(
        () => props.editable,
        (editable) => {
          const copy = editable ? null : readOnlyCopy(ydoc);
          const instance = new Editor({
            element: host,
            editable,
            // Its base styles come with the bundle (prosemirror.css): the CSP allows no <style> elements.
            injectCSS: false,
            extensions: [
              ...documentExtensions(),
              Collaboration.configure({ document: copy?.doc ?? ydoc, field: documentFragment }),
              CollaborationCaret.configure({
                provider,
                user: { id: props.user.id, name: props.user.name, party: props.user.party, color: props.user.color },
                render: renderCaret,
              }),
              ...(props.extensions ?? []),
            ],
            editorProps: {
              attributes: {
                class: 'document-text',
                role: 'textbox',
                'aria-multiline': 'true',
                'aria-label': props.label,
                ...(editable ? {} : { 'aria-readonly': 'true' }),
              },
            },
          });
          setEditor(instance);
          props.onEditor?.(instance);
          publishPresence();
          performance.mark?.('overens:editor-created');
          // The editor goes with this component; the Y.Doc and provider with the session's owner.
          onCleanup(() => {
            setEditor(null);
            props.onEditor?.(null);
            instance.destroy();
            copy?.destroy();
          });
        },
      ),
    );
  });

  const phaseKey = (): MessageKey => {
    switch (conn.phase) {
      case 'live':
        return conn.synced ? 'conn.live' : 'conn.connecting';
      case 'offline':
        return 'conn.offline';
      case 'closed':
        return 'conn.closed';
      default:
        return 'conn.connecting';
    }
  };

  const closeMessage = () => closeText(conn.closeCode, conn.closeReason ?? undefined);

  return (
    <div class="live-editor" classList={{ readonly: !props.editable }}>
      <div class="editor-status" data-phase={conn.phase} data-synced={conn.synced ? 'true' : 'false'}>
        <div role="status" aria-live="polite" class="status-line">
          <span class={`conn-dot conn-${conn.phase}`} aria-hidden="true" />
          <span class="sr-only">{t('conn.state')}: </span>
          <span class="conn-label" data-testid="connection-state">
            {t(phaseKey())}
          </span>
          <Show when={props.editable && (conn.unsaved || conn.savedAt !== null)}>
            <span class="save-label" data-testid="save-state">
              <Switch>
                <Match when={conn.unsaved && conn.phase === 'live'}>{t('conn.saving')}</Match>
                <Match when={conn.unsaved}>{t('conn.unsaved')}</Match>
                <Match when={conn.savedAt !== null}>
                  <span title={formatDateTime(new Date(conn.savedAt!))}>{t('conn.saved')}</span>
                </Match>
              </Switch>
            </span>
          </Show>
        </div>
        <Show when={conn.frozen}>
          <p class="conn-notice" role="status" data-testid="frozen-notice">
            {t('conn.frozen')}
          </p>
        </Show>
        <Show when={conn.phase === 'closed' && !conn.frozen}>
          <p class="conn-problem" role="alert">
            {closeMessage()}
          </p>
        </Show>
        <Show when={conn.denied && props.editable && !conn.frozen}>
          <p class="conn-problem" role="alert">
            {t('conn.denied')}
          </p>
        </Show>
      </div>
      <Show when={props.editable && editor()}>{(ed) => <Toolbar editor={ed()} />}</Show>
      <Show when={!props.editable}>
        <p class="readonly-note">{t('doc.readOnly')}</p>
      </Show>
      <div class="editor-host" ref={host} aria-busy={conn.synced ? 'false' : 'true'} />
    </div>
  );
}
