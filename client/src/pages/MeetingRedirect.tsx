import { createEffect, Show } from 'solid-js';
import { createMeetingQuery } from '../api/meetings.js';
import { Alert, Loading } from '../components/ui.js';
import { errorText, t } from '../i18n.js';
import { documentPath, Link, navigate } from '../router.js';

/** /meetings/<id>: opens the meeting's minutes document. */
export default function MeetingRedirect(props: { id: string }) {
  const { resource: meeting } = createMeetingQuery(() => props.id);
  createEffect(() => {
    const m = meeting();
    if (m?.minutesDocumentId) navigate(documentPath(m.minutesDocumentId), { replace: true });
  });
  return (
    <div class="page narrow">
      <h1>{t('doc.minutes')}</h1>
      <Show when={meeting.error || (meeting() && !meeting()!.minutesDocumentId)} fallback={<Loading />}>
        <Alert>{meeting.error ? errorText(meeting.error) : t('error.notFound')}</Alert>
        <p>
          <Link href="/">{t('doc.back')}</Link>
        </p>
      </Show>
    </div>
  );
}
