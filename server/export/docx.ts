import type { Mark, Node as PmNode } from '@tiptap/pm/model';
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { type ExportDocument, versionFooter } from './document.js';

/*
 * DOCX with the `docx` package: headings are Word headings (HeadingLevel, so the
 * navigation pane and a table of contents see them), lists use Word numbering, tables are
 * Word tables, and the version and hash sit in every page's footer.
 */

const headings = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const font = 'Noto Sans';

function runs(node: PmNode): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  node.forEach((child) => {
    if (child.type.name === 'hardBreak') {
      out.push(new TextRun({ text: '', break: 1 }));
      return;
    }
    if (!child.isText) return;
    const has = (name: string) => child.marks.some((m: Mark) => m.type.name === name);
    const run = new TextRun({
      text: child.text ?? '',
      bold: has('bold'),
      italics: has('italic'),
      strike: has('strike'),
      underline: has('underline') ? {} : undefined,
      font: has('code') ? 'Courier New' : undefined,
    });
    const link = child.marks.find((m: Mark) => m.type.name === 'link');
    out.push(link ? new ExternalHyperlink({ link: String(link.attrs.href), children: [run] }) : run);
  });
  return out;
}

type Block = Paragraph | Table;

const childrenOf = (node: PmNode): PmNode[] => {
  const out: PmNode[] = [];
  node.forEach((c) => out.push(c));
  return out;
};

/** Each numbered list is its own Word numbering instance, so a new list starts again at 1. */
let listInstance = 0;

/** `level`: the list nesting the blocks sit in (a nested list is one level deeper). */
function blocks(nodes: readonly PmNode[], level = -1): Block[] {
  const out: Block[] = [];
  for (const child of nodes) {
    switch (child.type.name) {
      case 'heading':
        out.push(new Paragraph({ heading: headings[Math.min(5, Number(child.attrs.level) - 1)], children: runs(child) }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ children: runs(child) }));
        break;
      case 'bulletList':
      case 'orderedList': {
        const reference = child.type.name === 'bulletList' ? 'bullets' : 'numbers';
        const inner = Math.min(8, level + 1);
        const instance = ++listInstance;
        for (const item of childrenOf(child)) {
          const [first, ...rest] = childrenOf(item);
          if (first?.type.name === 'paragraph') out.push(new Paragraph({ children: runs(first), numbering: { reference, level: inner, instance } }));
          else if (first) rest.unshift(first);
          out.push(...blocks(rest, inner));
        }
        break;
      }
      case 'table':
        out.push(table(child));
        break;
      case 'blockquote':
        out.push(...blocks(childrenOf(child), level));
        break;
      case 'codeBlock':
        out.push(new Paragraph({ children: [new TextRun({ text: child.textContent, font: 'Courier New' })] }));
        break;
      case 'horizontalRule':
        out.push(new Paragraph({ children: [], thematicBreak: true }));
        break;
      default:
        out.push(new Paragraph({ children: [new TextRun(child.textContent)] }));
    }
  }
  return out;
}

function table(node: PmNode): Table {
  const rows: TableRow[] = [];
  node.forEach((row) => {
    const cells: TableCell[] = [];
    row.forEach((cell) => {
      const content = blocks(childrenOf(cell)).filter((b): b is Paragraph => b instanceof Paragraph);
      cells.push(new TableCell({ children: content.length ? content : [new Paragraph('')], columnSpan: Number(cell.attrs.colspan) || 1, rowSpan: Number(cell.attrs.rowspan) || 1 }));
    });
    const header = row.firstChild?.type.name === 'tableHeader';
    rows.push(new TableRow({ children: cells, tableHeader: header }));
  });
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

const numbering = {
  config: [
    {
      reference: 'bullets',
      levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
    },
    {
      reference: 'numbers',
      levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
    },
  ],
};

export async function toDocx(doc: ExportDocument): Promise<Buffer> {
  listInstance = 0;
  const children: Block[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] })];
  if (doc.reference) children.push(new Paragraph({ children: [new TextRun({ text: `Diarienummer: ${doc.reference}` })] }));
  children.push(new Paragraph({ children: [new TextRun({ text: doc.versionLine })] }));
  for (const section of doc.preface) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(section.heading)] }));
    for (const b of section.blocks) children.push(new Paragraph({ children: [new TextRun(b.text)], ...(b.kind === 'item' ? { numbering: { reference: 'bullets', level: 0 } } : {}) }));
  }
  children.push(...blocks(childrenOf(doc.body)));
  const file = new Document({
    creator: 'Överens',
    title: doc.title,
    description: versionFooter(doc),
    styles: { default: { document: { run: { font } } } },
    numbering,
    sections: [
      {
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ text: versionFooter(doc), size: 16 })] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(file);
}
