import type { Node as PmNode } from '@tiptap/pm/model';
import { editorSchema } from '../collab/content.js';

/*
 * The one intermediate every file format is written from: the text as a ProseMirror
 * document on the editor's own schema, plus what goes before it (a decision pack's
 * proposed decision, a publication's parties) and the version line every format prints.
 */

export interface ExportBlock {
  kind: 'paragraph' | 'item';
  text: string;
}

export interface ExportSection {
  heading: string;
  blocks: ExportBlock[];
}

export interface ExportDocument {
  title: string;
  reference: string | null;
  /** "Version 2, publicerad 2026-12-01" or "Utkast, 2026-12-01 21:30". */
  versionLine: string;
  /** The SHA-256 of the canonical form, or null for a draft (which has no hash yet). */
  sha256: string | null;
  preface: ExportSection[];
  body: PmNode;
}

export type ExportFormat = 'pdf' | 'docx' | 'md';

export function toProseMirror(content: unknown): PmNode {
  return editorSchema().nodeFromJSON(content);
}

/** The footer and end line of every format: version and hash. */
export function versionFooter(doc: ExportDocument): string {
  return doc.sha256 ? `${doc.versionLine} · SHA-256 ${doc.sha256}` : doc.versionLine;
}

export const contentTypes: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
};

/** Plain text, one line per block (what a compare marks insertions and deletions in). */
export function plainText(content: unknown): string {
  const node = toProseMirror(content);
  return node.textBetween(0, node.content.size, '\n', '\n');
}
