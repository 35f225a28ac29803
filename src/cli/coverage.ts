/**
 * `wsspec check --coverage <dir>`: for another project, which normative
 * clauses (those with an RFC 2119 keyword or the API's "must") its code
 * cites: the clause matrix wsspec makes for its own code, from the
 * references `check` found. A clause is cited `directly` (a reference names
 * it, or a clause it is nested in), `by section` (a reference names its
 * section or an enclosing one), or not at all. Written as coverage.json and
 * coverage.html (one static page, no script) in <dir>.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleLookup } from '../trace/corpus-bundle.ts';
import type { CheckReport } from './check.ts';

export type CoverageStatus = 'direct' | 'section' | 'none';

export interface CoverageClause {
  id: string;
  citation: string;
  keywords: string[];
  status: CoverageStatus;
  /** Where it is cited (`file:line`), directly or by section. */
  sites: string[];
  upstreamUrl: string;
}

export interface CoverageSource {
  source: string;
  title: string;
  normative: number;
  direct: number;
  section: number;
  none: number;
  clauses: CoverageClause[];
}

export interface CoverageReport {
  format: 'wsspec-coverage/1';
  paths: string[];
  sources: CoverageSource[];
}

/** The coverage of the normative clauses by a check report's resolved references. */
export function coverageOf(report: CheckReport, lookup: BundleLookup): CoverageReport {
  const direct = new Map<string, Set<string>>();
  const bySection = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, id: string, site: string): void => {
    const set = map.get(id) ?? new Set<string>();
    set.add(site);
    map.set(id, set);
  };
  for (const reference of report.references) {
    if (reference.status !== 'resolved' || !reference.target) continue;
    const hash = reference.target.id.indexOf('#');
    const source = reference.target.id.slice(0, hash);
    const target = lookup.resolve(source, reference.target.id.slice(hash + 1));
    if (!target) continue;
    const site = `${reference.file}:${reference.line}`;
    for (const clause of target.clauses) add(target.kind === 'section' ? bySection : direct, clause.id, site);
  }
  const sources = lookup.corpora.map((corpus): CoverageSource => {
    const clauses = corpus.clauses
      .filter((clause) => clause.keywords.length > 0 && clause.informative !== true)
      .map((clause): CoverageClause => {
        const status: CoverageStatus = direct.has(clause.id) ? 'direct' : bySection.has(clause.id) ? 'section' : 'none';
        return {
          id: clause.id,
          citation: clause.citation,
          keywords: [...new Set(clause.keywords)],
          status,
          sites: [...(direct.get(clause.id) ?? bySection.get(clause.id) ?? [])].sort(),
          upstreamUrl: lookup.upstreamUrl(clause.source, clause.anchor),
        };
      });
    return {
      source: corpus.source.id,
      title: corpus.source.title,
      normative: clauses.length,
      direct: clauses.filter((clause) => clause.status === 'direct').length,
      section: clauses.filter((clause) => clause.status === 'section').length,
      none: clauses.filter((clause) => clause.status === 'none').length,
      clauses,
    };
  });
  return { format: 'wsspec-coverage/1', paths: report.paths, sources };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}

const STATUS_WORDS: Record<CoverageStatus, string> = {
  direct: 'cited',
  section: 'cited by its section',
  none: 'not cited',
};

/** The coverage as one static, accessible HTML page. */
export function coverageHtml(coverage: CoverageReport): string {
  const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
  const sections = coverage.sources
    .map((source) => {
      const rows = source.clauses
        .map(
          (clause) =>
            `<tr class="${clause.status}"><th scope="row"><a href="${escapeHtml(clause.upstreamUrl)}">${escapeHtml(clause.citation)}</a></th>` +
            `<td>${escapeHtml(clause.keywords.join(', '))}</td><td>${STATUS_WORDS[clause.status]}</td>` +
            `<td>${clause.sites.map((site) => `<code>${escapeHtml(site)}</code>`).join(' ')}</td></tr>`,
        )
        .join('\n');
      return `<section>
<h2>${escapeHtml(source.title)}</h2>
<p>${source.normative} normative clauses: ${source.direct} cited (${percent(source.direct, source.normative)}), ${source.section} cited by their section, ${source.none} not cited.</p>
<div class="scroll"><table>
<thead><tr><th scope="col">Clause</th><th scope="col">Keywords</th><th scope="col">Status</th><th scope="col">Cited at</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wsspec coverage: ${escapeHtml(coverage.paths.join(', '))}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 1rem auto; max-width: 72rem; padding: 0 1rem; color: #1b1b1b; background: #fff; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
tr.none td:nth-child(3) { color: #8a1c1c; }
tr.direct td:nth-child(3) { color: #1f5f2a; }
a { color: #0b4f9c; }
code { font-size: 0.875em; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>Which normative clauses the code cites</h1>
<p>Paths: ${coverage.paths.map((path) => `<code>${escapeHtml(path)}</code>`).join(', ')}. Made by <code>wsspec check --coverage</code> from the references it found.</p>
${sections}
</main>
</body>
</html>
`;
}

/** Writes coverage.json and coverage.html into `dir`; returns their paths. */
export function writeCoverage(dir: string, coverage: CoverageReport): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'coverage.json');
  const html = join(dir, 'coverage.html');
  writeFileSync(json, `${JSON.stringify(coverage, null, 2)}\n`);
  writeFileSync(html, coverageHtml(coverage));
  return { json, html };
}
