import { createSignal, For, Show } from 'solid-js';
import type { MemberRole } from '../../../../shared/permissions.js';
import {
  createInvitationsQuery,
  createMembersQuery,
  createInvitation,
  removeMember,
  revokeInvitation,
  setMemberRole,
} from '../../api/parties.js';
import type { Invitation, Membership, Party } from '../../api/types.js';
import { limits } from '../../../../shared/limits.js';
import { Alert, Loading, SelectField, TextField } from '../../components/ui.js';
import { optimisticUpdate } from '../../document/optimistic.js';
import { memberRoles } from '../../domain.js';
import { errorText, formatDate, t } from '../../i18n.js';
import { useSession } from '../../session.js';

export type Notice = { kind: 'success' | 'error'; text: string } | null;

/** One party's members and roles, and its invitations. */
export function PartyAdmin(props: { party: Party; notify: (n: Notice) => void }) {
  const session = useSession();
  const membersQuery = createMembersQuery(props.party.id);
  const invitationsQuery = createInvitationsQuery(props.party.id);
  const members = membersQuery.resource;
  const invitations = invitationsQuery.resource;
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
      set: membersQuery.set,
      apply: (cur) => cur.map((x) => (x.userId === m.userId ? { ...x, role: next } : x)),
      request: () => setMemberRole(props.party.id, m.userId, next),
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
      set: membersQuery.set,
      apply: (cur) => cur.filter((x) => x.userId !== m.userId),
      request: () => removeMember(props.party.id, m.userId),
      revert: (cur) => [...cur, m],
    });
    report(result, t('doc.saved'));
  };

  const invite = async (e: SubmitEvent) => {
    e.preventDefault();
    setInviteError(null);
    setLink(null);
    try {
      const r = await createInvitation(props.party.id, { email: email().trim(), name: name().trim() || null, role: role() });
      setLink(new URL(r.link, window.location.origin).toString());
      invitationsQuery.set([r.invitation, ...(invitations() ?? [])]);
      setEmail('');
      setName('');
    } catch (err) {
      setInviteError(errorText(err));
    }
  };

  const revoke = async (inv: Invitation) => {
    const result = await optimisticUpdate({
      get: () => invitations(),
      set: invitationsQuery.set,
      apply: (cur) => cur.filter((x) => x.id !== inv.id),
      request: () => revokeInvitation(props.party.id, inv.id),
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
                              <For each={roleOptions()}>
                                {(o) => (
                                  <option value={o.value} selected={o.value === m.role}>
                                    {o.label}
                                  </option>
                                )}
                              </For>
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
          <TextField label={t('admin.inviteEmail')} type="email" required maxLength={limits.email} value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
          <TextField label={t('admin.inviteName')} maxLength={limits.name} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
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
