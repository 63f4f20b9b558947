/* The public page's stylesheet, served as /p/publication.css (no inline styles needed). */
export const publicationCss = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b4f8a; --ins: #d7f5dd; --del: #fbdcdc; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.55 "Noto Sans", system-ui, sans-serif; color: var(--ink); background: #fff; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; }
header.site, main, footer.site { max-width: 48rem; margin: 0 auto; padding: 1rem 1.25rem; }
header.site { border-bottom: 1px solid var(--line); font-size: .9rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .5rem 0; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.hash { font-family: ui-monospace, monospace; word-break: break-all; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
.agreement-text { margin-top: 1rem; }
pre.verify { background: #f3f3f3; padding: .75rem; white-space: pre-wrap; word-break: break-all; font-size: .85rem; }
ol.versions li[aria-current] { font-weight: 600; }
.notice { border-left: 4px solid var(--accent); padding: .5rem 1rem; background: #eef4fa; }
footer.site { border-top: 1px solid var(--line); font-size: .85rem; color: var(--muted); }
@media print {
  header.site nav, .skip, .downloads, .verify-how { display: none; }
  body { font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  table, tr { break-inside: avoid; }
  footer.site { position: fixed; bottom: 0; left: 0; right: 0; font-size: 8pt; }
}
`;
