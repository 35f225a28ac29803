/**
 * Build-time helpers for the "Run in your browser" island: how many
 * browser-runnable cases name a clause, and the list of those clauses with
 * their citations and reader links (for the guide page). They import the
 * case registry on the server only; pages load it in the browser on demand.
 */
import { ALL_CASES, CLAUSES_WITH_BROWSER_CASES, casesFor } from '../../../../test/protocol/cases/index.ts';
import { siteTarget } from '../../corpora.ts';

/** The `clauseId` of an island that runs every browser-runnable case. */
export const ALL_CASES_ID = '*';

/** The number of browser-runnable cases whose title names `clauseId` (0: render no island), or of all for `*`. */
export function browserCaseCount(clauseId: string): number {
  return clauseId === ALL_CASES_ID ? ALL_CASES.length : casesFor(clauseId).length;
}

export interface BrowserClause {
  id: string;
  /** Human citation, e.g. `RFC 6455 §5.7 ¶1.2.2.1`. */
  citation: string;
  /** Site-relative reader URL of the clause or section. */
  href: string;
  count: number;
}

/** Number parts of an anchor, for document order: `section-5.2-3.10` → [5, 2, 3, 10]. */
const numbers = (anchor: string) => (anchor.match(/\d+/g) ?? []).map(Number);

function compareAnchors(a: string, b: string): number {
  const x = numbers(a);
  const y = numbers(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length || a.localeCompare(b);
}

/** Every clause or section with browser-runnable cases, in document order. */
export function browserClauses(): BrowserClause[] {
  const list: BrowserClause[] = [];
  for (const id of CLAUSES_WITH_BROWSER_CASES) {
    const target = siteTarget(id);
    if (!target) throw new Error(`A browser case names ${id}, which names no clause or section`);
    list.push({ id, citation: target.citation, href: target.href, count: casesFor(id).length });
  }
  const sources = ['rfc6455', 'whatwg', 'w3c'];
  return list.sort((a, b) => {
    const [sa, aa] = a.id.split('#') as [string, string];
    const [sb, ab] = b.id.split('#') as [string, string];
    return sources.indexOf(sa) - sources.indexOf(sb) || compareAnchors(aa, ab);
  });
}
