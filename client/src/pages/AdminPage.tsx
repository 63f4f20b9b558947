import { createMemo, createSignal, Show } from 'solid-js';
import { createParty, createPartiesQuery } from '../api/parties.js';
import type { Party, PartyKind } from '../api/types.js';
import { limits } from '../../../shared/limits.js';
import { Alert, Loading, SelectField, TextField } from '../components/ui.js';
import { partyKinds } from '../domain.js';
import { errorText, t } from '../i18n.js';
import { useSession } from '../session.js';
import { PartyAdmin, type Notice } from './admin/PartyAdmin.js';
import { usePageTitle } from './title.js';

/** Parties, their members and roles, and invitations: for hub admins and party admins. */
export default function AdminPage() {
  const session = useSession();
  usePageTitle(() => t('admin.title'));
  const { resource: parties } = createPartiesQuery();
  const manageable = createMemo(() => {
    const all = (parties.error ? undefined : parties()) ?? [];
    if (session.state.user?.isAdmin) return all;
    const mine = new Set(session.state.memberships.filter((m) => m.role === 'admin').map((m) => m.partyId));
    return all.filter((p) => mine.has(p.id));
  });
  const [chosen, setChosen] = createSignal<string>('');
  const selected = () => chosen() || manageable()[0]?.id || '';
  const selectedParty = () => manageable().find((p) => p.id === selected());
  const [notice, setNotice] = createSignal<Notice>(null);

  return (
    <div class="page">
      <h1>{t('admin.title')}</h1>
      <div aria-live="polite">
        <Show when={notice()}>{(n) => <Alert kind={n().kind}>{n().text}</Alert>}</Show>
      </div>
      <Show when={!parties.error} fallback={<Alert>{errorText(parties.error)}</Alert>}>
        <Show when={parties()} fallback={<Loading />}>
          <Show when={manageable().length > 0} fallback={<p>{t('admin.noAccess')}</p>}>
            <div class="admin-grid">
              <section class="card" aria-labelledby="admin-parties">
                <h2 id="admin-parties">{t('admin.parties')}</h2>
                <SelectField
                  label={t('admin.selectParty')}
                  value={selected()}
                  onChange={(e) => setChosen(e.currentTarget.value)}
                  options={manageable().map((p) => ({ value: p.id, label: p.name }))}
                />
                <Show when={session.state.user?.isAdmin}>
                  <NewParty
                    onCreated={(p) => setChosen(p.id)}
                  />
                </Show>
              </section>
              <Show when={selectedParty()} keyed>
                {(party) => <PartyAdmin party={party} notify={setNotice} />}
              </Show>
            </div>
          </Show>
        </Show>
      </Show>
    </div>
  );
}

function NewParty(props: { onCreated: (p: Party) => void }) {
  const [name, setName] = createSignal('');
  const [kind, setKind] = createSignal<PartyKind>('municipality');
  const [shortName, setShortName] = createSignal('');
  const [orgNumber, setOrgNumber] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const party = await createParty({
        name: name().trim(),
        kind: kind(),
        shortName: shortName().trim() || null,
        orgNumber: orgNumber().trim() || null,
      });
      props.onCreated(party);
      setName('');
      setShortName('');
      setOrgNumber('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form class="form compact" onSubmit={(e) => void submit(e)}>
      <h3>{t('admin.newParty')}</h3>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <TextField label={t('admin.partyName')} required maxLength={limits.name} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      <SelectField
        label={t('admin.partyKind')}
        value={kind()}
        onChange={(e) => setKind(e.currentTarget.value as PartyKind)}
        options={partyKinds.map((k) => ({ value: k, label: t(`partyKind.${k}`) }))}
      />
      <TextField label={t('admin.partyShort')} maxLength={limits.shortName} value={shortName()} onInput={(e) => setShortName(e.currentTarget.value)} />
      <TextField label={t('admin.orgNumber')} maxLength={limits.orgNumber} value={orgNumber()} onInput={(e) => setOrgNumber(e.currentTarget.value)} />
      <button type="submit" class="button primary small">
        {t('admin.createParty')}
      </button>
    </form>
  );
}
