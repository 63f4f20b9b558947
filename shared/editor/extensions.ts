import type { AnyExtension } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';

/*
 * The document schema: the one list of TipTap extensions for the browser editor and
 * for the server (which renders the same Y.Doc to JSON and text for publishing and search).
 * Collaboration extensions are added by the client on top of this list.
 */

/** The Y.XmlFragment inside each Y.Doc that holds the text. */
export const documentFragment = 'default';

export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Yjs' UndoManager (via the Collaboration extension) undoes only one's own edits.
      undoRedo: false,
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
    }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
  ];
}
