import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOnlyCopy } from '../../client/src/editor/read-only-doc.js';

describe('readOnlyCopy', () => {
  it('follows every change of the provider document and sends none of its own back', () => {
    const source = new Y.Doc();
    source.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
    const sent: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => sent.push(u));
    const copy = readOnlyCopy(source);
    expect(copy.doc.getXmlFragment('default').length).toBe(1);

    // A remote change reaches the copy.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(source));
    remote.getXmlFragment('default').insert(1, [new Y.XmlElement('heading')]);
    Y.applyUpdate(source, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(source)));
    expect(copy.doc.getXmlFragment('default').toJSON()).toBe('<paragraph></paragraph><heading></heading>');

    // The editor's own rewrite stays in the copy.
    const before = sent.length;
    copy.doc.getXmlFragment('default').delete(0, 2);
    copy.doc.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
    expect(sent.length).toBe(before);
    expect(source.getXmlFragment('default').length).toBe(2);
    expect(copy.doc.clientID).toBe(source.clientID);

    copy.destroy();
    remote.getXmlFragment('default').insert(0, [new Y.XmlElement('blockquote')]);
    Y.applyUpdate(source, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(source)));
    expect(source.getXmlFragment('default').length).toBe(3);
  });
});
