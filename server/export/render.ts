import { contentTypes, type ExportDocument, type ExportFormat } from './document.js';

/*
 * One file of a chosen format, with its content type and a name made from the reference and version.
 * Each writer (pdfkit and docx alone hold about 20 MiB once loaded) is loaded on its first
 * download, not at start: most processes of a hub never render a file.
 */

export async function renderFile(doc: ExportDocument, format: ExportFormat): Promise<{ body: Buffer; contentType: string }> {
  let body: Buffer;
  if (format === 'pdf') body = await (await import('./pdf.js')).toPdf(doc);
  else if (format === 'docx') body = await (await import('./docx.js')).toDocx(doc);
  else body = Buffer.from((await import('./markdown.js')).toMarkdown(doc), 'utf8');
  return { body, contentType: contentTypes[format] };
}

/** "HSN 335-2019", "v2", "pdf" → HSN-335-2019-v2.pdf (letters å ä ö kept). */
export function fileName(parts: ReadonlyArray<string | null>, format: ExportFormat): string {
  const stem = parts
    .filter((p): p is string => Boolean(p))
    .join(' ')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}.]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `${stem || 'overens'}.${format}`;
}

/**
 * Content-Disposition with an ASCII fallback name and the real one in RFC 5987's
 * filename* (UTF-8, percent-encoded), which every current browser prefers.
 */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
