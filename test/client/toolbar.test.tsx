import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentExtensions, documentFragment } from '../../shared/editor/extensions.js';
import { Toolbar } from '../../client/src/editor/Toolbar.js';
import { createEditorTransaction } from '../../client/src/editor/transaction.js';
import { flush } from './fetch-stub.js';

// jsdom does no layout: ProseMirror's scroll-into-view asks ranges for rectangles.
const noRect = { x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON: () => ({}) } as DOMRect;
Range.prototype.getClientRects = () => Object.assign([noRect], { item: () => noRect }) as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => noRect;

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
  document.body.innerHTML = '';
});

function setup() {
  const ydoc = new Y.Doc();
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({
    element,
    extensions: [...documentExtensions(), Collaboration.configure({ document: ydoc, field: documentFragment })],
  });
  const host = document.createElement('div');
  document.body.append(host);
  const dispose = render(() => <Toolbar editor={editor} />, host);
  cleanup.push(() => editor.destroy(), dispose, () => ydoc.destroy());
  const button = (label: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === label)!;
  return { ydoc, editor, host, button };
}

describe('Toolbar', () => {
  it('is a labelled toolbar with one tab stop and arrow-key movement', async () => {
    const { host, button } = setup();
    await flush();
    const toolbar = host.querySelector('[role=toolbar]')!;
    expect(toolbar.getAttribute('aria-label')).toBe('Formatering');
    const tabbable = [...host.querySelectorAll('button')].filter((b) => b.tabIndex === 0);
    expect(tabbable).toHaveLength(1);
    expect(tabbable[0]!.textContent).toBe('Brödtext');
    for (const label of ['Rubrik 1', 'Rubrik 2', 'Fet', 'Kursiv', 'Punktlista', 'Numrerad lista', 'Länk', 'Infoga tabell', 'Ångra', 'Gör om']) {
      expect(button(label), label).toBeDefined();
    }
    button('Brödtext').focus();
    toolbar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(document.activeElement).toBe(button('Rubrik 1'));
    expect(button('Rubrik 1').tabIndex).toBe(0);
    expect(button('Brödtext').tabIndex).toBe(-1);
    toolbar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(document.activeElement).toBe(button('Brödtext'));
  });

  it('formats and shows what is active with aria-pressed', async () => {
    const { editor, button } = setup();
    editor.commands.insertContent('Överenskommelse');
    editor.commands.selectAll();
    button('Fet').click();
    await flush();
    expect(editor.getHTML()).toContain('<strong>Överenskommelse</strong>');
    expect(button('Fet').getAttribute('aria-pressed')).toBe('true');
    expect(button('Kursiv').getAttribute('aria-pressed')).toBe('false');
    editor.commands.setTextSelection(3);
    button('Rubrik 2').click();
    await flush();
    expect(editor.getHTML()).toMatch(/^<h2>/);
    expect(button('Rubrik 2').getAttribute('aria-pressed')).toBe('true');
  });

  it('undoes through the Yjs undo manager and inserts tables with their own tools', async () => {
    const { editor, ydoc, button } = setup();
    editor.commands.insertContent('Steg 1');
    await new Promise((r) => setTimeout(r, 600)); // past the undo manager's capture window
    await flush();
    expect(button('Ångra').disabled).toBe(false);
    button('Infoga tabell').click();
    await flush();
    expect(editor.getHTML()).toContain('<table');
    expect(ydoc.getXmlFragment(documentFragment).toString()).toContain('<table');
    expect(button('Lägg till rad')).toBeDefined();
    expect(button('Infoga tabell').disabled).toBe(true);
    button('Ångra').click();
    await flush();
    expect(editor.getHTML()).not.toContain('<table');
    expect(editor.getText()).toContain('Steg 1');
  });

  it('accepts only http(s) and mailto links', async () => {
    const { editor, host, button } = setup();
    editor.commands.insertContent('Region Västerbotten');
    editor.commands.selectAll();
    button('Länk').click();
    await flush();
    const input = host.querySelector<HTMLInputElement>('.link-form input')!;
    expect(host.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('Webbadress');
    input.value = 'javascript:alert(1)';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    host.querySelector('.link-form')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
    await flush();
    expect(host.querySelector('.link-form .field-error')).not.toBeNull();
    expect(editor.getHTML()).not.toContain('href');
    input.value = 'https://regionvasterbotten.se';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    host.querySelector('.link-form')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
    await flush();
    expect(editor.getHTML()).toContain('href="https://regionvasterbotten.se"');
  });
});

describe('createEditorTransaction', () => {
  it('re-reads editor state after each transaction', async () => {
    const { editor } = setup();
    let read: (() => number) | null = null;
    const host = document.createElement('div');
    const dispose = render(() => {
      read = createEditorTransaction(() => editor, (ed) => ed.state.doc.textContent.length, -1);
      return null;
    }, host);
    cleanup.push(dispose);
    await flush();
    expect(read!()).toBe(0);
    editor.commands.insertContent('Hej');
    await flush();
    expect(read!()).toBe(3);
  });
});
