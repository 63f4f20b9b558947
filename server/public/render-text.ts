import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { documentExtensions } from '../../shared/editor/extensions.js';

/*
 * The stored text as HTML, on the editor's own schema with TipTap's static renderer: it
 * escapes text and attributes and drops links with a scheme the schema does not allow.
 */
export function textHtml(content: unknown): string {
  return renderToHTMLString({ extensions: documentExtensions(), content: content as Parameters<typeof renderToHTMLString>[0]['content'] });
}
