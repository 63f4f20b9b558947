import type { LiveSection } from '../../../shared/live.js';
import type { Editor } from '@tiptap/core';
import { createSignal, Show } from 'solid-js';
import type { DocumentDetail, Party } from '../api/types.js';
import { Alert } from '../components/ui.js';
import type { Person } from '../editor/LiveEditor.js';
import { errorText, t } from '../i18n.js';
import { ApprovalsSection } from './sections/Approvals.js';
import { AttachmentsSection } from './sections/Attachments.js';
import { CheckpointsSection } from './sections/Checkpoints.js';
import { CostsSection } from './sections/Costs.js';
import { DecisionsSection } from './sections/Decisions.js';
import { DetailsSection } from './sections/Details.js';
import { FeedbackSection } from './sections/Feedback.js';
import { MeetingSection } from './sections/Meeting.js';
import type { PanelView } from './sections/parts.js';
import { PartiesSection } from './sections/Parties.js';
import { Presence } from './sections/Presence.js';
import { PublishingSection } from './sections/Publishing.js';
import { RoundsSection } from './sections/Rounds.js';
import { StagesSection } from './sections/Stages.js';
import { VersionsSection } from './versions/Timeline.js';

export interface PanelProps {
  detail: DocumentDetail;
  mutate: (value: DocumentDetail) => void;
  refetch: () => unknown;
  presence: Person[];
  parties: Party[];
  /** The document this one belongs to (a bilaga's or minutes' agreement), when readable. */
  parent?: DocumentDetail;
  /** The live editor of the text, for answers that point to where the draft says something. */
  editor?: Editor | null;
  /** Asks again for one section of the metadata (document/store.ts). */
  refresh?: (section: LiveSection) => unknown;
}

type Notice = { kind: 'success' | 'error'; text: string } | null;

/** The side panel: metadata from GET /api/documents/:id in sections (sections/*.tsx), editable where the person may edit it. */
export function DocumentPanel(props: PanelProps) {
  const [notice, setNotice] = createSignal<Notice>(null);
  const view: PanelView = {
    detail: () => props.detail,
    set: (v) => props.mutate(v),
    report: (result) =>
      setNotice(result.ok ? { kind: 'success', text: t('doc.saved') } : { kind: 'error', text: t('doc.rolledBack', { message: errorText(result.error) }) }),
    parties: () => props.parties,
    parent: () => props.parent,
    editor: () => props.editor ?? null,
    refresh: (section) => void props.refresh?.(section),
  };
  const isMinutes = () => props.detail.document.kind === 'minutes';

  return (
    <aside class="document-panel" aria-label={t('doc.panel')}>
      <div aria-live="polite" class="panel-notice">
        <Show when={notice()}>{(n) => <Alert kind={n().kind}>{n().text}</Alert>}</Show>
      </div>
      <Presence people={props.presence} />
      <Show when={isMinutes()}>
        <MeetingSection view={view} />
      </Show>
      <DetailsSection view={view} />
      <Show when={!isMinutes()}>
        <PartiesSection view={view} />
        <ApprovalsSection view={view} />
        <StagesSection view={view} />
        <CheckpointsSection view={view} />
        <DecisionsSection view={view} />
        <AttachmentsSection view={view} />
        <RoundsSection view={view} />
        <Show when={!props.detail.document.parentId}>
          <FeedbackSection view={view} />
        </Show>
        <CostsSection view={view} />
        <PublishingSection view={view} refetch={props.refetch} />
        <VersionsSection view={view} />
      </Show>
    </aside>
  );
}
