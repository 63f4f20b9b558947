import { createMemo, createSignal, Show } from 'solid-js';
import { createDocument } from '../../api/documents.js';
import type { DocumentKind, Party } from '../../api/types.js';
import { limits } from '../../../../shared/limits.js';
import { createFormErrors } from '../../components/form-errors.js';
import { ChosenParties, PartyPicker, type PartyRole } from '../../components/PartyPicker.js';
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
  const errors = createFormErrors();
  const [chosen, setChosen] = createSignal<{ id: string; name: string; role: PartyRole }[]>([]);
  const ownerId = () => owner() || owners()[0]?.value;
  const available = () => props.parties.filter((p) => p.id !== ownerId() && !chosen().some((c) => c.id === p.id));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const parties = chosen().map((c) => ({ partyId: c.id, role: c.role }));
      const { document } = await createDocument({ title: title(), kind: kind(), reference: reference() || undefined, ownerPartyId: ownerId(), parties });
      navigate(documentPath(document.id));
    } catch (err) {
      errors.show(err, errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={owners().length > 0}>
      <section aria-labelledby="new-doc-heading" class="card">
        <h2 id="new-doc-heading">{t('start.new.title')}</h2>
        <form class="form inline-form" ref={errors.ref} onSubmit={(e) => void submit(e)} novalidate>
          <Show when={errors.message()}>
            <Alert>{errors.message()}</Alert>
          </Show>
          <TextField label={t('start.new.titleField')} name="title" maxLength={limits.title} error={errors.field('title')} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
          <SelectField
            label={t('start.kind')}
            name="kind"
            value={kind()}
            onChange={(e) => setKind(e.currentTarget.value as DocumentKind)}
            options={documentKinds.filter((k) => k !== 'minutes').map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <TextField label={t('start.new.reference')} name="reference" maxLength={limits.reference} error={errors.field('reference')} value={reference()} onInput={(e) => setReference(e.currentTarget.value)} />
          <SelectField label={t('start.new.owner')} name="owner" value={ownerId()} onChange={(e) => setOwner(e.currentTarget.value)} options={owners()} />
          <ChosenParties items={chosen()} remove={(id) => setChosen(chosen().filter((c) => c.id !== id))} />
          <PartyPicker
            available={available()}
            error={errors.field('parties')}
            add={(partyId, role) => {
              const p = props.parties.find((x) => x.id === partyId);
              if (p) setChosen([...chosen(), { id: p.id, name: p.name, role }]);
            }}
          />
          <button type="submit" class="button primary" disabled={busy()}>
            {busy() ? t('start.new.busy') : t('start.new.button')}
          </button>
        </form>
      </section>
    </Show>
  );
}
