import { createSignal, For, Show } from 'solid-js';
import { t } from '../i18n.js';
import { SelectField } from './ui.js';

/* Signatories and observers: chosen when an agreement is created and changed later, with the same controls. */

export type PartyRole = 'signatory' | 'observer';

export function PartyPicker(props: {
  /** Parties that may still be added. */
  available: { id: string; name: string }[];
  add: (partyId: string, role: PartyRole) => void | Promise<void>;
  error?: string | null;
}) {
  const [partyId, setPartyId] = createSignal('');
  const [role, setRole] = createSignal<PartyRole>('signatory');
  const chosen = () => (props.available.some((p) => p.id === partyId()) ? partyId() : (props.available[0]?.id ?? ''));
  return (
    <Show when={props.available.length > 0}>
      <div class="party-picker inline-form compact">
        <SelectField label={t('doc.partyToAdd')} value={chosen()} options={props.available.map((p) => ({ value: p.id, label: p.name }))} error={props.error} onChange={(e) => setPartyId(e.currentTarget.value)} />
        <SelectField
          label={t('doc.partyRole')}
          value={role()}
          options={[
            { value: 'signatory', label: t('doc.signatory') },
            { value: 'observer', label: t('doc.observer') },
          ]}
          onChange={(e) => setRole(e.currentTarget.value as PartyRole)}
        />
        <button type="button" class="button secondary small" onClick={() => void props.add(chosen(), role())}>
          {t('doc.addParty')}
        </button>
      </div>
    </Show>
  );
}

/** The chosen parties of a new agreement, each removable. */
export function ChosenParties(props: { items: { id: string; name: string; role: PartyRole }[]; remove: (id: string) => void }) {
  return (
    <ul class="plain-list small">
      <For each={props.items}>
        {(p) => (
          <li>
            {p.name} <span class="muted">({p.role === 'signatory' ? t('doc.signatory') : t('doc.observer')})</span>{' '}
            <button type="button" class="button secondary small" onClick={() => props.remove(p.id)}>
              {t('doc.removeParty', { party: p.name })}
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
