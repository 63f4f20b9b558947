import { For, Show } from 'solid-js';
import { initials } from '../../components/ui.js';
import type { Person } from '../../editor/LiveEditor.js';
import { t } from '../../i18n.js';
import { Section } from './parts.js';

/** "Här just nu": who else has the document open. */
export function Presence(props: { people: Person[] }) {
  return (
    <Section id="presence" title={t('doc.presence')}>
      <ul class="avatars" data-testid="presence">
        <For each={props.people}>
          {(p) => (
            <li class="person">
              <span class="avatar" style={{ 'background-color': p.color }} aria-hidden="true">
                {initials(p.name)}
              </span>
              <span class="person-name">
                {p.name} <Show when={p.self}>{t('doc.you')}</Show>
                <Show when={p.party}>
                  <span class="person-party">{p.party}</span>
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.people.filter((p) => !p.self).length === 0}>
        <p class="muted small">{t('doc.presenceNone')}</p>
      </Show>
    </Section>
  );
}
