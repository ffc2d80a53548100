import { errors } from './errors';
import type { GlossaryEntry, GlossarySection } from './model';
import { rules } from './rules';
import { vocabulary } from './vocabulary';

export const glossary: readonly GlossarySection[] = [vocabulary, rules, errors];

/** Every anchor of the glossary: rule IDs, error codes, terms and section ids. */
export const glossaryIds: ReadonlySet<string> = new Set(
  glossary.flatMap((s) => [s.id, ...s.entries.map((e) => e.id)]),
);

/** Where the command API serves the glossary; anchors are entry ids (`#F4`, `#SEATS_EXHAUSTED`). */
export const GLOSSARY_PATH = '/docs/glossary';

const INTRO =
  'Rule IDs, the seeds’ vocabulary and every error code of the license server, in one place. ' +
  'The OpenAPI documents and error answers link here; the command API serves this page at ' +
  `\`${GLOSSARY_PATH}\`.`;

const paragraphs = (text: string) => text.split(/\n\s*\n/);

/** docs/GLOSSARY.md: the same entries, anchors kept (`<a id="F4">`), links relative. */
export const glossaryMarkdown = (): string => {
  const entry = (e: GlossaryEntry) =>
    [
      `### <a id="${e.id}"></a>${e.title}${e.status === undefined ? '' : ` (HTTP ${e.status})`}`,
      '',
      ...paragraphs(e.text).flatMap((p) => [p, '']),
    ].join('\n');
  const toc = glossary.map((s) => `- [${s.title}](#${s.id})`).join('\n');
  return [
    '<!-- Generated from libs/openapi/src/glossary by `npm run docs:glossary`; edit those files, not this one. -->',
    '',
    '# Glossary',
    '',
    INTRO,
    '',
    toc,
    '',
    ...glossary.flatMap((s) => [
      `## <a id="${s.id}"></a>${s.title}`,
      '',
      ...(s.intro ? [s.intro, ''] : []),
      ...s.entries.map(entry),
    ]),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()
    .concat('\n');
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The markdown subset of the entries, as HTML: `code`, **strong**, [label](#anchor). */
const inline = (text: string) =>
  escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(#([A-Za-z0-9_-]+)\)/g, '<a href="#$2">$1</a>');

/** The page the command API serves at /docs/glossary. */
export const glossaryHtml = (): string => {
  const entry = (e: GlossaryEntry) =>
    `<dt id="${e.id}"><a href="#${e.id}">${escapeHtml(e.title)}</a>${
      e.status === undefined ? '' : ` <span class="status">HTTP ${e.status}</span>`
    }</dt><dd>${paragraphs(e.text)
      .map((p) => `<p>${inline(p)}</p>`)
      .join('')}</dd>`;
  const sections = glossary
    .map(
      (s) =>
        `<section><h2 id="${s.id}">${escapeHtml(s.title)}</h2>${
          s.intro ? `<p>${inline(s.intro)}</p>` : ''
        }<dl>${s.entries.map(entry).join('\n')}</dl></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Glossary — license server</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem;color:#1b1f24}
nav a{margin-right:1rem}dt{font-weight:600;margin-top:1.2rem}dt a{color:inherit;text-decoration:none}
dd{margin:0.3rem 0 0 0}code{background:#f0f2f4;padding:0 0.25rem;border-radius:3px}
.status{font-weight:400;color:#57606a;font-size:0.9em}:target{background:#fff8c5}
</style></head><body>
<h1>Glossary</h1><p>${inline(INTRO)}</p>
<nav>${glossary.map((s) => `<a href="#${s.id}">${escapeHtml(s.title)}</a>`).join('')} <a href="/api/docs">API reference</a></nav>
${sections}
</body></html>
`;
};
