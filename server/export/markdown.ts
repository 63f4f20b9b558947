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

/** The title lines and the preface as nodes of the same schema, so the serializer escapes them like the text. */
function frontMatter(doc: ExportDocument): PmNode {
  const schema = doc.body.type.schema;
  const para = (text: string) => schema.nodes.paragraph!.create(null, text ? schema.text(text) : null);
  const heading = (level: number, text: string) => schema.nodes.heading!.create({ level }, schema.text(text));
  const nodes: PmNode[] = [heading(1, doc.title)];
  if (doc.reference) nodes.push(para(`Diarienummer: ${doc.reference}`));
  nodes.push(para(doc.versionLine));
  for (const section of doc.preface) {
    nodes.push(heading(2, section.heading));
    let items: PmNode[] = [];
    const flush = () => {
      if (items.length) nodes.push(schema.nodes.bulletList!.create(null, items));
      items = [];
    };
    for (const b of section.blocks) {
      if (b.kind === 'item') items.push(schema.nodes.listItem!.create(null, para(b.text)));
      else {
        flush();
        nodes.push(para(b.text));
      }
    }
    flush();
  }
  return schema.topNodeType.create(null, nodes);
}

export function toMarkdown(doc: ExportDocument): string {
  return `${[serializer.serialize(frontMatter(doc)), bodyMarkdown(doc.body), '---', versionFooter(doc)].join('\n\n')}\n`;
}
