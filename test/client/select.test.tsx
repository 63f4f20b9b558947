import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it } from 'vitest';
import { SelectField } from '../../client/src/components/ui.js';

/*
 * The select box shows the stored value, not its first option: a stage in progress showed
 * "Planerat" after a reload, the invite form showed "administratör" and created "redaktör".
 */

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
  document.body.innerHTML = '';
});

function mount(ui: () => ReturnType<typeof SelectField>) {
  const host = document.createElement('div');
  document.body.append(host);
  dispose = render(ui, host);
  return host.querySelector('select')!;
}

const statuses = [
  { value: 'planned', label: 'Planerat' },
  { value: 'in_progress', label: 'Pågår' },
  { value: 'done', label: 'Klart' },
];

describe('SelectField', () => {
  it('shows the stored value when it is not the first option', () => {
    const select = mount(() => <SelectField label="Status" value="in_progress" options={statuses} />);
    expect(select.value).toBe('in_progress');
    expect(select.selectedOptions[0]!.textContent).toBe('Pågår');
  });

  it('follows a new stored value, and options that arrive after the value', () => {
    const [value, setValue] = createSignal('done');
    const [options, setOptions] = createSignal<typeof statuses>([]);
    const select = mount(() => <SelectField label="Status" value={value()} options={options()} />);
    setOptions(statuses);
    expect(select.value).toBe('done');
    setValue('in_progress');
    expect(select.value).toBe('in_progress');
  });

  it('shows what the person picked until the stored value changes', () => {
    const [value, setValue] = createSignal('editor');
    const roles = [
      { value: 'admin', label: 'administratör' },
      { value: 'editor', label: 'redaktör' },
    ];
    const select = mount(() => <SelectField label="Roll" value={value()} options={roles} onChange={(e) => setValue(e.currentTarget.value)} />);
    expect(select.selectedOptions[0]!.textContent).toBe('redaktör');
    select.value = 'admin';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(value()).toBe('admin');
    expect(select.value).toBe('admin');
  });

  it('marks a field error: aria-invalid and the message tied to it', () => {
    const select = mount(() => <SelectField label="Organ" value="" error="Fyll i fältet." options={[{ value: '', label: '–' }]} />);
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(select.getAttribute('aria-describedby')!)!.textContent).toBe('Fyll i fältet.');
  });
});
