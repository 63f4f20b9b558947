import fs from 'node:fs';
import path from 'node:path';
import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYDoc, updateYFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentFragment } from '../../shared/editor/extensions.js';
import { editorSchema, replaceContent } from '../../server/collab/content.js';
import { decodeUpdate } from '../../server/collab/messages.js';
import { schemaViolation } from '../../server/collab/schema-check.js';
import { plainTextToTiptap, tiptapToYUpdate } from '../../server/example/text-to-doc.js';

/*
 * The schema check on its own: updates made the way y-prosemirror (@tiptap/y-tiptap) makes
 * them pass, and every kind of insert a browser would have to "repair" fails, named.
 */

const text = (s: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: s, ...(marks ? { marks } : {}) });
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

/** Every node and mark of the schema, with attributes. */
const richDoc: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('1. Parter')] },
    p(text('Region '), text('Västerbotten', [{ type: 'bold' }]), text(' och ', [{ type: 'italic' }]), text('kommunerna', [{ type: 'underline' }, { type: 'strike' }])),
    p(text('Se '), text('avtalet', [{ type: 'link', attrs: { href: 'https://example.se/avtal', target: '_blank' } }]), { type: 'hardBreak' }, text('kod', [{ type: 'code' }])),
    { type: 'blockquote', content: [p(text('Citat.'))] },
    { type: 'codeBlock', attrs: { language: 'json' }, content: [text('{ "a": 1 }')] },
    { type: 'horizontalRule' },
    { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('Punkt')), { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(text('Underpunkt'))] }] }] }] },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 2 }, content: [p(text('Part'))] }] },
        { type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('Regionen'))] }, { type: 'tableCell', attrs: { colwidth: [120] }, content: [p(text('50 %'))] }] },
      ],
    },
  ],
};

function fromJson(json: JSONContent): Y.Doc {
  return prosemirrorJSONToYDoc(editorSchema(), json, documentFragment);
}

function check(server: Y.Doc, update: Uint8Array, inFlight = false): string | null {
  return schemaViolation(server, decodeUpdate(update), inFlight);
}

/** A client that has the server's state makes a change; returns the update it would send. */
function edit(server: Y.Doc, change: (doc: Y.Doc, fragment: Y.XmlFragment) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  change(client, client.getXmlFragment(documentFragment));
  return Y.mergeUpdates(updates);
}

/** As the browser editor writes a new version of the document. */
function editorWrites(server: Y.Doc, json: JSONContent): Uint8Array {
  return edit(server, (doc, fragment) => {
    doc.transact(() => updateYFragment(doc, fragment, editorSchema().nodeFromJSON(json), { mapping: new Map(), isOMark: new Map() }));
  });
}

function serverWith(json: JSONContent = richDoc): Y.Doc {
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(fromJson(json)));
  return server;
}

const firstParagraph = (fragment: Y.XmlFragment) => fragment.get(1) as Y.XmlElement;

describe('what y-prosemirror writes passes', () => {
  it('a whole document with every node, mark and attribute of the schema, into an empty document', () => {
    expect(check(new Y.Doc(), Y.encodeStateAsUpdate(fromJson(richDoc)))).toBeNull();
  });

  it('the example workspace texts and a server-side replaceContent', () => {
    const dir = path.resolve('server/example/texts');
    for (const name of fs.readdirSync(dir)) {
      const update = tiptapToYUpdate(plainTextToTiptap(fs.readFileSync(path.join(dir, name), 'utf8'), 'Titel'));
      expect(check(new Y.Doc(), update), name).toBeNull();
    }
    const server = serverWith();
    const replaced = edit(server, (doc) => replaceContent(doc, { type: 'doc', content: [p(text('Ny lydelse', [{ type: 'bold' }])), richDoc.content![6]!] }));
    expect(check(server, replaced)).toBeNull();
  });

  it('editing: typing, formatting, links, attributes, new blocks, tables, deleting', () => {
    const server = serverWith();
    const versions: JSONContent[] = [
      { ...richDoc, content: [{ type: 'heading', attrs: { level: 3 }, content: [text('1. Parterna')] }, ...richDoc.content!.slice(1)] },
      { ...richDoc, content: [p(text('Allt fetstil', [{ type: 'bold' }, { type: 'link', attrs: { href: 'mailto:a@example.se' } }])), ...richDoc.content!.slice(2)] },
      { type: 'doc', content: [p(text('Kvar.')), { type: 'orderedList', attrs: { start: 1, type: 'a' }, content: [{ type: 'listItem', content: [p(text('a'))] }] }] },
      { type: 'doc', content: [p()] },
    ];
    for (const json of versions) {
      const update = editorWrites(server, json);
      expect(check(server, update), JSON.stringify(json).slice(0, 80)).toBeNull();
      Y.applyUpdate(server, update);
    }
  });

  it('fast typing: a keystroke that builds on one still on its way to the database', () => {
    const server = serverWith();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    const fragment = client.getXmlFragment(documentFragment);
    // A new paragraph, then text into it, then bold on that text: each needs the one before.
    client.transact(() => fragment.insert(1, [new Y.XmlElement('paragraph')]));
    client.transact(() => (fragment.get(1) as Y.XmlElement).insert(0, [new Y.XmlText('Hej')]));
    client.transact(() => ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).format(0, 3, { bold: {} }));
    client.transact(() => (fragment.get(1) as Y.XmlElement).setAttribute('textAlign' as never, 'x' as never));
    const [a, b, c, evil] = updates as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    expect(check(server, a, false)).toBeNull();
    expect(check(server, b, true)).toBeNull();
    expect(check(server, c, true)).toBeNull();
    // What was passed tells what the in-flight paragraph is, so a bad attribute on it is still caught.
    expect(check(server, evil, true)).toBe('attribute "textAlign" on "paragraph"');
    // Once nothing is in flight, what was passed but never applied vouches for nothing.
    expect(check(server, b, false)).toBe('depends on content the server does not have');
    for (const u of [a, b, c]) Y.applyUpdate(server, u);
    expect(check(server, evil, false)).toBe('attribute "textAlign" on "paragraph"');
  });

  it('a resend of what the document has, a deletion, an insert into a block someone else deleted meanwhile', () => {
    const server = serverWith();
    expect(check(server, Y.encodeStateAsUpdate(server))).toBeNull();
    expect(check(server, edit(server, (_doc, fragment) => fragment.delete(0, 3)))).toBeNull();
    // Typed into the first paragraph while another client deleted it (and the server collected it).
    const late = edit(server, (_doc, fragment) => (firstParagraph(fragment).get(0) as Y.XmlText).insert(0, 'sent '));
    Y.applyUpdate(server, edit(server, (_doc, fragment) => fragment.delete(1, 1)));
    expect(check(server, late)).toBeNull();
  });

  it('a long chain of items in one update (a reconnect after offline typing)', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const fragment = client.getXmlFragment(documentFragment);
    // Each paragraph's left neighbour is the one before it: a chain as long as the document.
    const paragraphs = Array.from({ length: 20_000 }, (_, i) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`Stycke ${i}`)]);
      return paragraph;
    });
    fragment.insert(0, paragraphs);
    expect(check(server, Y.encodeStateAsUpdate(client))).toBeNull();
    fragment.insert(0, [new Y.XmlElement('evil')]);
    expect(check(server, Y.encodeStateAsUpdate(client))).toBe('unknown node "evil"');
  });
});

describe('what a browser would have to repair fails, named', () => {
  const cases: Array<[string, (doc: Y.Doc, fragment: Y.XmlFragment) => void]> = [
    ['unknown node "evil"', (_d, f) => f.insert(0, [new Y.XmlElement('evil')])],
    ['unknown node "evil"', (_d, f) => firstParagraph(f).insert(0, [new Y.XmlElement('evil')])],
    ['unknown node "text"', (_d, f) => f.insert(0, [new Y.XmlElement('text')])],
    ['node "doc" in the document', (_d, f) => f.insert(0, [new Y.XmlElement('doc')])],
    ['node "tableRow" in the document', (_d, f) => f.insert(0, [new Y.XmlElement('tableRow')])],
    ['node "paragraph" in "bulletList"', (_d, f) => (f.get(6) as Y.XmlElement).insert(0, [new Y.XmlElement('paragraph')])],
    ['node "heading" in "paragraph"', (_d, f) => firstParagraph(f).insert(0, [new Y.XmlElement('heading')])],
    ['node "paragraph" in "horizontalRule"', (_d, f) => (f.get(5) as Y.XmlElement).insert(0, [new Y.XmlElement('paragraph')])],
    ['text in the document', (_d, f) => f.insert(0, [new Y.XmlText('loose')])],
    ['text in "bulletList"', (_d, f) => (f.get(6) as Y.XmlElement).insert(0, [new Y.XmlText('loose')])],
    ['attribute "onclick" on "paragraph"', (_d, f) => firstParagraph(f).setAttribute('onclick' as never, 'alert(1)' as never)],
    ['attribute "ychange" on "heading"', (_d, f) => (f.get(0) as Y.XmlElement).setAttribute('ychange' as never, '{}' as never)],
    [
      'attribute "onclick" on "paragraph"',
      (_d, f) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.setAttribute('onclick' as never, 'x' as never);
        f.insert(0, [paragraph]);
      },
    ],
    ['attribute "x" on text', (_d, f) => (firstParagraph(f).get(0) as Y.XmlText).setAttribute('x', 1)],
    ['unknown mark "x"', (_d, f) => (firstParagraph(f).get(0) as Y.XmlText).format(0, 3, { x: {} })],
    ['unknown mark "ychange"', (_d, f) => (firstParagraph(f).get(0) as Y.XmlText).format(0, 3, { ychange: { user: 'a' } })],
    ['attribute "onclick" on mark "link"', (_d, f) => (firstParagraph(f).get(0) as Y.XmlText).format(0, 3, { link: { href: 'https://a.se', onclick: 'x' } })],
    ['mark "bold" without attributes', (_d, f) => (firstParagraph(f).get(0) as Y.XmlText).format(0, 3, { bold: true })],
    ['mark "bold" in "codeBlock"', (_d, f) => ((f.get(4) as Y.XmlElement).get(0) as Y.XmlText).format(0, 3, { bold: {} })],
    ['an embed in text', (_d, f) => (firstParagraph(f).get(0) as Y.XmlText).insertEmbed(0, { image: 'x' })],
    ['a Y.Map in text', (_d, f) => (firstParagraph(f).get(0) as Y.XmlText).insertEmbed(0, new Y.Map())],
    ['inserts into root "other"', (d) => d.getXmlFragment('other').insert(0, [new Y.XmlElement('paragraph')])],
    ['inserts into root "other"', (d) => d.getMap('other').set('a', 1)],
    ['a plain value in the document', (_d, f) => f.insert(0, ['plain' as never])],
    ['binary content in "paragraph"', (_d, f) => firstParagraph(f).insert(0, [new Uint8Array([1]) as never])],
    ['a Y.Map in "paragraph"', (_d, f) => firstParagraph(f).insert(0, [new Y.Map() as never])],
    ['an XML hook in the document', (_d, f) => f.insert(0, [new Y.XmlHook('hook') as never])],
    ['a nested XML fragment in the document', (_d, f) => f.insert(0, [new Y.XmlFragment() as never])],
  ];
  for (const [reason, change] of cases) {
    it(reason, () => {
      const server = serverWith();
      expect(check(server, edit(server, change))).toBe(reason);
    });
  }

  it('a bad insert hidden among good ones in a sync step 2', () => {
    const server = serverWith();
    const update = edit(server, (doc, fragment) => {
      doc.transact(() => updateYFragment(doc, fragment, editorSchema().nodeFromJSON({ type: 'doc', content: [p(text('Gott'))] }), { mapping: new Map(), isOMark: new Map() }));
      (firstParagraph(fragment) ?? (fragment.get(0) as Y.XmlElement)).insert(0, [new Y.XmlElement('evil')]);
    });
    expect(check(server, update)).toBe('unknown node "evil"');
  });

  it('an insert whose parent or neighbour the server never got', () => {
    const server = serverWith();
    const updates: Uint8Array[] = [];
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    client.on('update', (u: Uint8Array) => updates.push(u));
    const fragment = client.getXmlFragment(documentFragment);
    fragment.insert(0, [new Y.XmlElement('blockquote')]);
    (fragment.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('x')]);
    expect(check(server, updates[1]!)).toBe('depends on content the server does not have');
  });

  it('content under a node stored before the check existed', () => {
    const server = serverWith();
    Y.applyUpdate(server, edit(server, (_d, f) => f.insert(0, [new Y.XmlElement('legacy')])));
    expect(check(server, edit(server, (_d, f) => (f.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('x')])))).toBe('inserts into unknown node "legacy"');
  });

  it('keeps the reason short enough for a close frame', () => {
    const server = serverWith();
    const reason = check(server, edit(server, (_d, f) => f.insert(0, [new Y.XmlElement('å'.repeat(500))])))!;
    expect(reason.startsWith('unknown node "ååå')).toBe(true);
    expect(new TextEncoder().encode(`schema: ${reason}`).length).toBeLessThanOrEqual(123);
  });

  it('content the server holds as pending, resent with a new edit, is fine; a forgery with its id is checked', () => {
    // The server holds, as pending, an update whose dependency it never got (stored before the check).
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    const fragment = author.getXmlFragment(documentFragment);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('a')]);
    fragment.insert(0, [paragraph]);
    (paragraph.get(0) as Y.XmlText).insert(1, 'b');
    const server = new Y.Doc();
    Y.applyUpdate(server, updates[1]!);
    expect(server.store.pendingStructs).not.toBeNull();
    // A client that got the pending part in its sync step 2 sends it back along with an edit of its own.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    client.getXmlFragment(documentFragment).insert(0, [new Y.XmlElement('paragraph')]);
    expect(check(server, Y.encodeStateAsUpdate(client))).toBeNull();
    // Same client id and clocks as the pending part, but placed where the server can integrate it at once.
    const forger = new Y.Doc();
    forger.clientID = author.clientID;
    const forged = new Y.XmlElement('paragraph');
    forged.insert(0, [new Y.XmlText('a')]);
    forger.getXmlFragment(documentFragment).insert(0, [forged]);
    forger.getXmlFragment(documentFragment).insert(0, [new Y.XmlElement('evil')]);
    expect(check(server, Y.encodeStateAsUpdate(forger))).toBe('unknown node "evil"');
  });
});
