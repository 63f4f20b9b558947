import { Show } from 'solid-js';
import { createDocument } from '../../api/documents.js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { t } from '../../i18n.js';
import { documentPath, Link } from '../../router.js';
import { AddForm } from './AddForm.js';
import { Section, type PanelView } from './parts.js';

/** Bilagor: documents of their own that belong to this agreement. */
export function AttachmentsSection(props: { view: PanelView }) {
  const view = props.view;
  // Minutes are children too, but they are listed under their meeting, not as bilagor.
  const attachments = () => view.detail().attachments.filter((a) => a.kind !== 'minutes');
  // Editors of the agreement add bilagor; a bilaga has none of its own.
  const canAdd = () => view.detail().document.permissions.edit && view.detail().document.parentId === null;
  const add = async (title: string) => {
    const d = view.detail();
    const next = Math.max(0, ...d.attachments.map((a) => a.attachmentNumber ?? 0)) + 1;
    const { document } = await createDocument({
      title,
      kind: 'report',
      parentId: d.document.id,
      attachmentNumber: next,
      ownerPartyId: d.document.ownerPartyId,
    });
    view.set({ ...view.detail(), attachments: [...view.detail().attachments, document] });
  };
  return (
    <Section id="attachments" title={t('doc.attachments')}>
      <ListOrEmpty items={attachments()} empty={t('doc.noAttachments')} class="plain-list">
        {(a) => (
          <Link href={documentPath(a().id)}>
            <Show when={a().attachmentNumber}>{t('doc.attachment', { n: a().attachmentNumber! })}: </Show>
            {a().title}
          </Link>
        )}
      </ListOrEmpty>
      <Show when={canAdd()}>
        <AddForm label={t('doc.attachmentTitle')} button={t('doc.addAttachment')} add={add} />
      </Show>
    </Section>
  );
}
