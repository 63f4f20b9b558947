import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { MemberRole } from '../../../shared/permissions.js';
import { memberRoles, partyKinds } from '../domain.js';

import { api } from '../api/client.js';
import type { Invitation, Membership, Party, PartyKind } from '../api/types.js';
import { Alert, Loading, SelectField, TextField } from '../components/ui.js';
import { optimisticUpdate } from '../document/optimistic.js';
import { errorText, formatDate, t } from '../i18n.js';
import { useSession } from '../session.js';
import { usePageTitle } from './title.js';

type Notice = { kind: 'success' | 'error'; text: string } | null;

/** Parties, their members and roles, and invitations: for hub admins and party admins. */
export default function AdminPage() {
  const session = useSession();
  usePageTitle(() => t('admin.title'));
  const [parties, { mutate: setParties }] = createResource(() => api.get<{ items: Party[] }>('/parties').then((r) => r.items));
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
                    onCreated={(p) => {
                      setParties([...(parties() ?? []), p].sort((a, b) => a.name.localeCompare(b.name, 'sv')));
                      setChosen(p.id);
                    }}
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
      const { party } = await api.post<{ party: Party }>('/parties', {
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
      <TextField label={t('admin.partyName')} required value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      <SelectField
        label={t('admin.partyKind')}
        value={kind()}
        onChange={(e) => setKind(e.currentTarget.value as PartyKind)}
        options={partyKinds.map((k) => ({ value: k, label: t(`partyKind.${k}`) }))}
      />
      <TextField label={t('admin.partyShort')} value={shortName()} onInput={(e) => setShortName(e.currentTarget.value)} />
      <TextField label={t('admin.orgNumber')} value={orgNumber()} onInput={(e) => setOrgNumber(e.currentTarget.value)} />
      <button type="submit" class="button primary small">
        {t('admin.createParty')}
      </button>
    </form>
  );
}

function PartyAdmin(props: { party: Party; notify: (n: Notice) => void }) {
  const session = useSession();
  const [members, { mutate: setMembers }] = createResource(() =>
    api.get<{ items: Membership[] }>(`/parties/${props.party.id}/members`).then((r) => r.items),
  );
  const [invitations, { mutate: setInvitations }] = createResource(() =>
    api.get<{ items: Invitation[] }>(`/parties/${props.party.id}/invitations`).then((r) => r.items),
  );
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<MemberRole>('editor');
  const [link, setLink] = createSignal<string | null>(null);
  const [inviteError, setInviteError] = createSignal<string | null>(null);

  const report = (r: { ok: boolean; error?: unknown }, success: string) =>
    props.notify(r.ok ? { kind: 'success', text: success } : { kind: 'error', text: t('doc.rolledBack', { message: errorText(r.error) }) });

  const changeRole = async (m: Membership, next: MemberRole) => {
    const result = await optimisticUpdate({
      get: () => members(),
      set: (v) => setMembers(v),
      apply: (cur) => cur.map((x) => (x.userId === m.userId ? { ...x, role: next } : x)),
      request: () => api.put<{ membership: Membership }>(`/parties/${props.party.id}/members/${m.userId}`, { role: next }),
      revert: (cur) => cur.map((x) => (x.userId === m.userId ? { ...x, role: m.role } : x)),
    });
    report(result, t('admin.changed'));
    if (result.ok && m.userId === session.state.user?.id) void session.load();
  };

  const remove = async (m: Membership) => {
    const who = m.user?.name ?? m.userId;
    if (!window.confirm(t('admin.confirmRemove', { name: who, party: props.party.name }))) return;
    const result = await optimisticUpdate({
      get: () => members(),
      set: (v) => setMembers(v),
      apply: (cur) => cur.filter((x) => x.userId !== m.userId),
      request: () => api.del(`/parties/${props.party.id}/members/${m.userId}`),
      revert: (cur) => [...cur, m],
    });
    report(result, t('doc.saved'));
  };

  const invite = async (e: SubmitEvent) => {
    e.preventDefault();
    setInviteError(null);
    setLink(null);
    try {
      const r = await api.post<{ invitation: Invitation; link: string }>(`/parties/${props.party.id}/invitations`, {
        email: email().trim(),
        name: name().trim() || null,
        role: role(),
      });
      setLink(new URL(r.link, window.location.origin).toString());
      setInvitations([r.invitation, ...(invitations() ?? [])]);
      setEmail('');
      setName('');
    } catch (err) {
      setInviteError(errorText(err));
    }
  };

  const revoke = async (inv: Invitation) => {
    const result = await optimisticUpdate({
      get: () => invitations(),
      set: (v) => setInvitations(v),
      apply: (cur) => cur.filter((x) => x.id !== inv.id),
      request: () => api.del(`/parties/${props.party.id}/invitations/${inv.id}`),
      revert: (cur) => [inv, ...cur],
    });
    report(result, t('doc.saved'));
  };

  const roleOptions = () => memberRoles.map((r) => ({ value: r, label: t(`role.${r}`) }));

  return (
    <div class="admin-party">
      <section class="card" aria-labelledby="admin-members">
        <h2 id="admin-members">{t('admin.members', { party: props.party.name })}</h2>
        <Show when={!members.error} fallback={<Alert>{errorText(members.error)}</Alert>}>
          <Show when={members()} fallback={<Loading />}>
            <Show when={members()!.length > 0} fallback={<p class="muted">{t('admin.noMembers')}</p>}>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.col.name')}</th>
                      <th scope="col">{t('admin.col.email')}</th>
                      <th scope="col">{t('admin.col.role')}</th>
                      <th scope="col">{t('admin.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={members()}>
                      {(m) => (
                        <tr>
                          <td>{m.user?.name}</td>
                          <td>{m.user?.email}</td>
                          <td>
                            <label class="sr-only" for={`role-${m.userId}`}>
                              {t('admin.roleFor', { name: m.user?.name ?? '' })}
                            </label>
                            <select id={`role-${m.userId}`} value={m.role} onChange={(e) => void changeRole(m, e.currentTarget.value as MemberRole)}>
                              <For each={roleOptions()}>{(o) => <option value={o.value}>{o.label}</option>}</For>
                            </select>
                          </td>
                          <td>
                            <button type="button" class="button secondary small" onClick={() => void remove(m)}>
                              {t('admin.remove', { name: m.user?.name ?? '' })}
                            </button>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </Show>
        </Show>
      </section>

      <section class="card" aria-labelledby="admin-invitations">
        <h2 id="admin-invitations">{t('admin.invitations')}</h2>
        <form class="form inline-form compact" onSubmit={(e) => void invite(e)}>
          <Show when={inviteError()}>
            <Alert>{inviteError()}</Alert>
          </Show>
          <TextField label={t('admin.inviteEmail')} type="email" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
          <TextField label={t('admin.inviteName')} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          <SelectField label={t('admin.inviteRole')} value={role()} onChange={(e) => setRole(e.currentTarget.value as MemberRole)} options={roleOptions()} />
          <button type="submit" class="button primary small">
            {t('admin.inviteSend')}
          </button>
        </form>
        <Show when={link()}>
          <Alert kind="success">
            <TextField label={t('admin.inviteLink')} readOnly value={link()!} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" />
          </Alert>
        </Show>
        <Show when={invitations()}>
          <Show when={invitations()!.filter((i) => !i.acceptedAt).length > 0} fallback={<p class="muted">{t('admin.noInvitations')}</p>}>
            <ul class="plain-list">
              <For each={invitations()!.filter((i) => !i.acceptedAt)}>
                {(inv) => (
                  <li>
                    {inv.email} – {t(`role.${inv.role}`)} <span class="muted small">({t('admin.expires', { date: formatDate(inv.expiresAt) })})</span>{' '}
                    <button type="button" class="button secondary small" onClick={() => void revoke(inv)}>
                      {t('admin.revoke', { email: inv.email })}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </section>
    </div>
  );
}
