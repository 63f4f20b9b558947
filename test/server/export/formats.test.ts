import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { type ExportDocument, toProseMirror } from '../../../server/export/document.js';
import { toDocx } from '../../../server/export/docx.js';
import { toMarkdown } from '../../../server/export/markdown.js';
import { toPdf } from '../../../server/export/pdf.js';
import { contentDisposition, fileName } from '../../../server/export/render.js';

/* Each file format, read back with a parser of that format: the text, the structure and å ä ö Å Ä Ö survive. */

const swedish = 'Åsele, Örnsköldsvik och Älvsbyn: på gång, hälsa, möte';
const hash = 'a1'.repeat(32);

function sample(paragraphs = 3): ExportDocument {
  return {
    title: 'Överenskommelse om vårdplatser',
    reference: 'HSN 335-2019',
    versionLine: 'Version 2, publicerad 2026-12-01',
    sha256: hash,
    preface: [{ heading: 'Parter', blocks: [{ kind: 'item', text: 'Dorotea kommun' }, { kind: 'item', text: 'Region Västerbotten' }] }],
    body: toProseMirror({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Syfte och mål' }] },
        { type: 'paragraph', content: [{ type: 'text', text: swedish }, { type: 'text', marks: [{ type: 'bold' }], text: ' ÅÄÖ' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fyra observationsplatser' }] }] }] },
        { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Steg ett' }] }] }] },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: ['Part', 'Andel'].map((t) => ({ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
            { type: 'tableRow', content: ['Kommunen', '50 %'].map((t) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
          ],
        },
        ...Array.from({ length: paragraphs }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `Stycke ${i + 1} om samverkan mellan region och kommun, med text nog för att fylla raden.` }] })),
      ],
    }),
  };
}

async function pdfPages(bytes: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  const meta = await pdf.getMetadata();
  return { pages, metadata: meta.metadata, pdf };
}

describe('PDF/A', () => {
  it('holds the text with Swedish letters, identifies as PDF/A-2b and embeds its fonts', async () => {
    const bytes = await toPdf(sample());
    const { pages, metadata, pdf } = await pdfPages(bytes);
    const text = pages.join('\n');
    expect(text).toContain('Överenskommelse om vårdplatser');
    expect(text.replace(/\s+/g, ' ')).toContain(swedish);
    expect(text).toContain('ÅÄÖ');
    expect(text).toContain('Fyra observationsplatser');
    expect(text).toContain('Kommunen');
    expect(metadata?.get('pdfaid:part')).toBe('2');
    expect(metadata?.get('pdfaid:conformance')).toBe('B');
    const fonts = bytes.toString('latin1').match(/\/FontFile2/g) ?? [];
    expect(fonts.length).toBeGreaterThan(0);
    expect(bytes.toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
    await pdf.destroy();
  });

  it('puts the version and hash in the footer of every page', async () => {
    const { pages, pdf } = await pdfPages(await toPdf(sample(120)));
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page).toContain('Version 2, publicerad 2026-12-01');
      expect(page.replace(/\s+/g, '')).toContain(hash);
    }
    await pdf.destroy();
  });
});

describe('DOCX', () => {
  it('holds the text as Word headings, lists and a table', async () => {
    const buffer = await toDocx(sample());
    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text).toContain(swedish);
    expect(text).toContain('ÅÄÖ');
    const { value: htmlOut } = await mammoth.convertToHtml({ buffer });
    expect(htmlOut).toContain('<h2>Syfte och mål</h2>');
    expect(htmlOut).toContain('<h1>Parter</h1>');
    expect(htmlOut).toMatch(/<ul><li>Fyra observationsplatser<\/li><\/ul>/);
    expect(htmlOut).toMatch(/<ol><li>Steg ett<\/li><\/ol>/);
    expect(htmlOut).toMatch(/<table>.*Kommunen.*<\/table>/s);
  });
});

describe('Markdown', () => {
  it('writes the editor schema with headings, lists, a pipe table and the hash', () => {
    const md = toMarkdown(sample());
    expect(md).toContain('# Överenskommelse om vårdplatser');
    expect(md).toContain('## Syfte och mål');
    expect(md).toContain(`${swedish} **ÅÄÖ**`);
    expect(md).toContain('* Fyra observationsplatser');
    expect(md).toContain('1. Steg ett');
    expect(md).toContain('| Part | Andel |\n| --- | --- |\n| Kommunen | 50 % |');
    expect(md).toContain(`SHA-256 ${hash}`);
  });

  it('escapes what the preface says like the text, so a name is never read as markup', () => {
    const doc = { ...sample(), preface: [{ heading: 'Beslut', blocks: [{ kind: 'paragraph' as const, text: 'att anta *enligt* bilaga_2' }] }] };
    expect(toMarkdown(doc)).toContain('att anta \\*enligt\\* bilaga_2');
  });
});

describe('file names', () => {
  it('makes the name from reference and version and sends å ä ö in filename*', () => {
    const name = fileName(['Beslutsunderlag', 'Åsele kommun', 'HSN 335-2019', 'v2'], 'pdf');
    expect(name).toBe('Beslutsunderlag-Åsele-kommun-HSN-335-2019-v2.pdf');
    const header = contentDisposition(name);
    expect(header).toContain('filename="Beslutsunderlag-Asele-kommun-HSN-335-2019-v2.pdf"');
    expect(header).toContain("filename*=UTF-8''Beslutsunderlag-%C3%85sele-kommun-HSN-335-2019-v2.pdf");
  });
});
