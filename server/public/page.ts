import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { PublicationRow, PublishedMetadata } from '../db/repositories/publications.js';
import { publicationPath } from '../presenters/publications.js';
import { textHtml } from './render-text.js';
import { decisionStateWords, fte, kindWords, percent, roleWords, stageStatusWords, swedishDate } from './words.js';

/*
 * A published version as a page that needs no JavaScript: everything in it is escaped
 * by hono/html, the text is rendered by TipTap's static renderer (render-text.ts).
 */

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

function layout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/p/publication.css">
</head>
<body>
<a class="skip" href="#innehall">Hoppa till innehållet</a>
<header class="site"><nav aria-label="Webbplats"><a href="/">Överens</a></nav></header>
${body}
</body>
</html>`;
}

export function notFoundPage(): Html {
  return layout('Sidan finns inte – Överens', html`<main id="innehall"><h1>Sidan finns inte</h1><p>Det finns ingen publicerad version på den här adressen, eller så är den inte öppen för dig.</p></main>`);
}

function partyName(meta: PublishedMetadata, id: string | null): string {
  return meta.parties.find((p) => p.partyId === id)?.name ?? '';
}

function decisions(meta: PublishedMetadata): Html | '' {
  if (!meta.decisions.length) return '';
  return html`<section aria-labelledby="beslut"><h2 id="beslut">Beslut</h2>
${meta.decisions.map(
  (d) => html`<article><h3>${d.body.name}${d.reference ? html` (${d.reference})` : ''}</h3>
<p>${decisionStateWords[d.state] ?? d.state}${d.decidedOn ? html`, ${d.decidedOn}` : ''}</p>
${d.preamble ? html`<p>${d.preamble}</p>` : ''}
<ol>${d.clauses.map((k) => html`<li>${k.text}</li>`)}</ol></article>`,
)}</section>`;
}

function stages(meta: PublishedMetadata): Html | '' {
  const checkpoints = meta.checkpoints ?? [];
  if (!meta.stages.length && !checkpoints.length) return '';
  return html`<section aria-labelledby="steg"><h2 id="steg">Steg och avstämningar</h2>
${meta.stages.length ? html`<ol>${meta.stages.map(
    (s) => html`<li><strong>${s.title}</strong> – ${stageStatusWords[s.status] ?? s.status}${s.startsOn ? html`, från ${s.startsOn}` : ''}${s.targetOn ? html`, mål ${s.targetOn}` : ''}
${s.description ? html`<p>${s.description}</p>` : ''}${s.preconditions.length ? html`<p>Förutsättningar: ${s.preconditions.map((p) => p.description).join('; ')}</p>` : ''}</li>`,
  )}</ol>` : ''}
${checkpoints.length ? html`<h3>Avstämningar</h3><ul>${checkpoints.map((k) => html`<li>${k.dueOn}: ${k.title}${k.reportTo ? html` (rapporteras till ${k.reportTo})` : ''}</li>`)}</ul>` : ''}
</section>`;
}

function costs(meta: PublishedMetadata): Html | '' {
  const shares = meta.costShares ?? [];
  const resources = meta.resources ?? [];
  if (!shares.length && !resources.length) return '';
  return html`<section aria-labelledby="resurser"><h2 id="resurser">Resurser och kostnadsfördelning</h2>
${shares.length ? html`<table><caption>Kostnadsandelar</caption><thead><tr><th scope="col">Andel</th><th scope="col">Part</th><th scope="col">Procent</th></tr></thead>
<tbody>${shares.map((c) => html`<tr><th scope="row">${c.label}</th><td>${partyName(meta, c.partyId)}</td><td>${percent(c.basisPoints)}</td></tr>`)}</tbody></table>` : ''}
${resources.length ? html`<ul>${resources.map((r) => html`<li>${r.description}${r.fteHundredths !== null ? html`, ${fte(r.fteHundredths)}` : ''}${r.financedBy ? html`, finansieras av ${r.financedBy}` : ''}</li>`)}</ul>` : ''}
</section>`;
}

export function publicationPage(p: PublicationRow, all: readonly PublicationRow[], origin: string): Html {
  const meta = JSON.parse(p.metadata_json) as PublishedMetadata;
  const canonical = `/api/publications/${encodeURIComponent(p.id)}/canonical`;
  const download = (format: string) => `/api/publications/${encodeURIComponent(p.id)}/download?format=${format}`;
  return layout(
    `${p.title}, version ${p.version} – Överens`,
    html`<main id="innehall">
<p>${kindWords[meta.kind] ?? meta.kind}</p>
<h1>${p.title}</h1>
<dl class="facts">
${p.reference ? html`<dt>Diarienummer</dt><dd>${p.reference}</dd>` : ''}
<dt>Version</dt><dd>${p.version}</dd>
<dt>Publicerad</dt><dd><time datetime="${p.published_at}">${swedishDate(p.published_at)}</time></dd>
<dt>SHA-256</dt><dd class="hash" id="hash">${p.sha256}</dd>
<dt>Adress</dt><dd>${origin}${publicationPath(p)}</dd>
</dl>
<p class="downloads">Ladda ner: <a href="${download('pdf')}">PDF/A</a> · <a href="${download('docx')}">Word (DOCX)</a> · <a href="${download('md')}">Markdown</a></p>
<section aria-labelledby="parter"><h2 id="parter">Parter</h2>
<ul>${meta.parties.map((x) => html`<li>${x.name} (${roleWords[x.role] ?? x.role})</li>`)}</ul></section>
${decisions(meta)}
${stages(meta)}
${costs(meta)}
<section aria-labelledby="text"><h2 id="text">Överenskommelsens text</h2>
<div class="agreement-text">${raw(textHtml(JSON.parse(p.content_json)))}</div></section>
<section aria-labelledby="kontroll"><h2 id="kontroll">Kontrollera versionen</h2>
<p>Hashen ovan är SHA-256 av <a href="${canonical}">versionens kanoniska form</a> (formen <code>${p.canonical_form}</code>): exakt de byte som hashen beräknas över.</p>
<div class="verify-how"><p>Så räknar du om den med vanliga verktyg:</p>
<pre class="verify">curl -s ${origin}${canonical} | sha256sum</pre>
<p>Det utskrivna värdet ska vara lika med ${p.sha256.slice(0, 12)}… ovan. Ändras ett enda tecken i texten eller i det parterna har godkänt blir hashen en annan.</p></div>
</section>
<section aria-labelledby="versioner"><h2 id="versioner">Alla versioner</h2>
<ol class="versions">${all.map(
  (v) => html`<li${v.id === p.id ? raw(' aria-current="page"') : ''}><a href="${publicationPath(v)}">Version ${v.version}</a>, ${swedishDate(v.published_at)} <span class="hash">${v.sha256.slice(0, 16)}…</span></li>`,
)}</ol></section>
</main>
<footer class="site"><p>${p.title}${p.reference ? ` · ${p.reference}` : ''} · version ${p.version} · SHA-256 ${p.sha256}</p></footer>`,
  );
}
