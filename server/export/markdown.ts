import type { Node as PmNode } from '@tiptap/pm/model';
import { defaultMarkdownSerializer, MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown';
import { type ExportDocument, versionFooter } from './document.js';

/*
 * Markdown from the editor's schema with prosemirror-markdown's serializer. TipTap names
 * its nodes in camelCase and has tables, which CommonMark lacks: the names are mapped,
 * and tables are written as GitHub-flavoured pipe tables (one line per row, so a cell's
 * blocks are joined with <br>).
 */

const base = defaultMarkdownSerializer.nodes;

function cellText(cell: PmNode): string {
  const parts: string[] = [];
  cell.forEach((block) => parts.push(block.textContent.replace(/\|/g, '\\|')));
  return parts.join('<br>');
}

const serializer = new MarkdownSerializer(
  {
    ...base,
    bulletList: base.bullet_list!,
    orderedList: base.ordered_list!,
    listItem: base.list_item!,
    codeBlock: base.code_block!,
    horizontalRule: base.horizontal_rule!,
    hardBreak: base.hard_break!,
    table(state: MarkdownSerializerState, node: PmNode) {
      const rows: string[][] = [];
      node.forEach((row) => {
        const cells: string[] = [];
        row.forEach((cell) => cells.push(cellText(cell)));
        rows.push(cells);
      });
      const width = Math.max(1, ...rows.map((r) => r.length));
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      const [head = [], ...rest] = rows;
      state.write([line(head), line(Array.from({ length: width }, () => '---')), ...rest.map(line)].join('\n'));
      state.closeBlock(node);
    },
  },
  {
    ...defaultMarkdownSerializer.marks,
    bold: defaultMarkdownSerializer.marks.strong!,
    italic: defaultMarkdownSerializer.marks.em!,
    strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
    underline: { open: '', close: '' },
  },
);

export function bodyMarkdown(body: PmNode): string {
  return serializer.serialize(body);
}

export function toMarkdown(doc: ExportDocument): string {
  const out: string[] = [`# ${doc.title}`];
  if (doc.reference) out.push(`Diarienummer: ${doc.reference}`);
  out.push(doc.versionLine);
  for (const section of doc.preface) {
    out.push(`## ${section.heading}`);
    out.push(section.blocks.map((b) => (b.kind === 'item' ? `- ${b.text}` : b.text)).join(section.blocks.every((b) => b.kind === 'item') ? '\n' : '\n\n'));
  }
  out.push(bodyMarkdown(doc.body));
  out.push('---', versionFooter(doc));
  return `${out.filter((s) => s !== '').join('\n\n')}\n`;
}
