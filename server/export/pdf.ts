import { createRequire } from 'node:module';
import path from 'node:path';
import type { Mark, Node as PmNode } from '@tiptap/pm/model';
import PDFDocument from 'pdfkit';
import { type ExportDocument, versionFooter } from './document.js';

/*
 * PDF/A-2b for archiving, with pdfkit: fonts are Noto Sans embedded from the
 * @expo-google-fonts package (never system fonts, so every machine makes the same file
 * and å ä ö are always there); headings, lists and tables are laid out from the
 * ProseMirror document; the version and hash are in the footer of every page.
 */

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/noto-sans/package.json'));
const fonts = {
  regular: path.join(fontDir, '400Regular/NotoSans_400Regular.ttf'),
  bold: path.join(fontDir, '700Bold/NotoSans_700Bold.ttf'),
  italic: path.join(fontDir, '400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
  boldItalic: path.join(fontDir, '700Bold_Italic/NotoSans_700Bold_Italic.ttf'),
};
type FontName = keyof typeof fonts;

const headingSizes = [20, 16, 13, 12, 11, 11];
const bodySize = 10.5;
const margin = 56;
const footerHeight = 28;

function fontOf(marks: readonly Mark[]): FontName {
  const bold = marks.some((m) => m.type.name === 'bold');
  const italic = marks.some((m) => m.type.name === 'italic');
  return bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
}

type Pdf = InstanceType<typeof PDFDocument>;

/** One paragraph's text runs, each in its own font, wrapped as one block. */
function inline(pdf: Pdf, node: PmNode, opts: { size: number; x: number; width: number; font?: FontName }): void {
  const parts: Array<{ text: string; font: FontName }> = [];
  node.forEach((child) => {
    if (child.type.name === 'hardBreak') parts.push({ text: '\n', font: 'regular' });
    else if (child.isText) parts.push({ text: child.text ?? '', font: opts.font ?? fontOf(child.marks) });
  });
  if (!parts.length) parts.push({ text: ' ', font: 'regular' });
  pdf.fontSize(opts.size);
  parts.forEach((p, i) => {
    pdf.font(p.font).text(p.text, i === 0 ? opts.x : undefined, undefined, { width: opts.width, continued: i < parts.length - 1 });
  });
}

function blocks(pdf: Pdf, node: PmNode, x: number, width: number): void {
  node.forEach((child) => {
    switch (child.type.name) {
      case 'heading': {
        pdf.moveDown(0.6);
        inline(pdf, child, { size: headingSizes[Math.min(5, Number(child.attrs.level) - 1)]!, x, width, font: 'bold' });
        pdf.moveDown(0.3);
        break;
      }
      case 'paragraph':
        inline(pdf, child, { size: bodySize, x, width });
        pdf.moveDown(0.4);
        break;
      case 'bulletList':
      case 'orderedList': {
        let n = Number(child.attrs.start ?? 1);
        child.forEach((item) => {
          const label = child.type.name === 'bulletList' ? '•' : `${n++}.`;
          const y = pdf.y;
          pdf.font('regular').fontSize(bodySize).text(label, x, y, { width: 18 });
          pdf.y = y;
          blocks(pdf, item, x + 18, width - 18);
        });
        pdf.x = x;
        break;
      }
      case 'blockquote':
        blocks(pdf, child, x + 18, width - 18);
        break;
      case 'table':
        table(pdf, child, x, width);
        break;
      case 'horizontalRule':
        pdf.moveTo(x, pdf.y).lineTo(x + width, pdf.y).stroke();
        pdf.moveDown(0.5);
        break;
      default:
        pdf.font('regular').fontSize(bodySize).text(child.textContent, x, undefined, { width });
        pdf.moveDown(0.4);
    }
  });
}

function table(pdf: Pdf, node: PmNode, x: number, width: number): void {
  const columns = Math.max(1, ...Array.from({ length: node.childCount }, (_, i) => node.child(i).childCount));
  const cellWidth = width / columns;
  const pad = 4;
  node.forEach((row) => {
    const texts: Array<{ text: string; header: boolean }> = [];
    row.forEach((cell) => texts.push({ text: cell.textContent, header: cell.type.name === 'tableHeader' }));
    const height =
      Math.max(...texts.map((c) => pdf.font(c.header ? 'bold' : 'regular').fontSize(bodySize).heightOfString(c.text || ' ', { width: cellWidth - 2 * pad }))) + 2 * pad;
    if (pdf.y + height > pdf.page.height - margin - footerHeight) pdf.addPage();
    const top = pdf.y;
    texts.forEach((c, i) => {
      pdf.rect(x + i * cellWidth, top, cellWidth, height).stroke();
      pdf.font(c.header ? 'bold' : 'regular').fontSize(bodySize).text(c.text, x + i * cellWidth + pad, top + pad, { width: cellWidth - 2 * pad });
    });
    pdf.x = x;
    pdf.y = top + height;
  });
  pdf.moveDown(0.6);
}

export function toPdf(doc: ExportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'sv-SE',
    displayTitle: true,
    bufferPages: true,
    size: 'A4',
    margins: { top: margin, left: margin, right: margin, bottom: margin + footerHeight },
    info: { Title: doc.title, Subject: versionFooter(doc), Creator: 'Överens', Producer: 'Överens (pdfkit)' },
    font: fonts.regular,
  });
  for (const [name, file] of Object.entries(fonts)) pdf.registerFont(name, file);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const width = pdf.page.width - 2 * margin;
  pdf.font('bold').fontSize(22).text(doc.title, margin, margin, { width });
  pdf.font('regular').fontSize(bodySize);
  if (doc.reference) pdf.text(`Diarienummer: ${doc.reference}`, { width });
  pdf.text(doc.versionLine, { width });
  pdf.moveDown(0.8);
  for (const section of doc.preface) {
    pdf.font('bold').fontSize(headingSizes[0]!).text(section.heading, margin, undefined, { width });
    pdf.moveDown(0.3);
    for (const b of section.blocks) {
      pdf.font('regular').fontSize(bodySize).text(b.kind === 'item' ? `• ${b.text}` : b.text, margin + (b.kind === 'item' ? 12 : 0), undefined, { width: width - (b.kind === 'item' ? 12 : 0) });
      pdf.moveDown(0.3);
    }
    pdf.moveDown(0.6);
  }
  blocks(pdf, doc.body, margin, width);

  const footer = versionFooter(doc);
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift it for the footer.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('regular').fontSize(7.5).text(`${footer} · ${i + 1}/${range.count}`, margin, pdf.page.height - margin, { width, lineBreak: true });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
