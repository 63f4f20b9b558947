import { createMemo, createSignal, Show } from 'solid-js';
import { createDocument } from '../../api/documents.js';
import type { DocumentKind, Party } from '../../api/types.js';
import { Alert, SelectField, TextField } from '../../components/ui.js';
import { documentKinds } from '../../domain.js';
import { errorText, t } from '../../i18n.js';
import { documentPath, navigate } from '../../router.js';
import { useSession } from '../../session.js';

export function NewDocument(props: { parties: Party[] }) {
  const session = useSession();
  const owners = createMemo(() => {
    if (session.state.user?.isAdmin) return props.parties.map((p) => ({ value: p.id, label: p.name }));
    return session.partiesWith('editor').map((m) => ({ value: m.partyId, label: m.party?.name ?? m.partyId }));
  });
  const [title, setTitle] = createSignal('');
  const [kind, setKind] = createSignal<DocumentKind>('agreement');
  const [reference, setReference] = createSignal('');
  const [owner, setOwner] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const ownerPartyId = owner() || owners()[0]?.value;
      const { document } = await createDocument({ title: title(), kind: kind(), reference: reference() || undefined, ownerPartyId });
      navigate(documentPath(document.id));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={owners().length > 0}>
      <section aria-labelledby="new-doc-heading" class="card">
        <h2 id="new-doc-heading">{t('start.new.title')}</h2>
        <form class="form inline-form" onSubmit={(e) => void submit(e)}>
          <Show when={error()}>
            <Alert>{error()}</Alert>
          </Show>
          <TextField label={t('start.new.titleField')} name="title" required value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
          <SelectField
            label={t('start.kind')}
            name="kind"
            value={kind()}
            onChange={(e) => setKind(e.currentTarget.value as DocumentKind)}
            options={documentKinds.filter((k) => k !== 'minutes').map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <TextField label={t('start.new.reference')} name="reference" value={reference()} onInput={(e) => setReference(e.currentTarget.value)} />
          <SelectField label={t('start.new.owner')} name="owner" value={owner() || owners()[0]?.value} onChange={(e) => setOwner(e.currentTarget.value)} options={owners()} />
          <button type="submit" class="button primary" disabled={busy()}>
            {busy() ? t('start.new.busy') : t('start.new.button')}
          </button>
        </form>
      </section>
    </Show>
  );
}
