/**
 * The history model: dated events on the timeline next to each clause.
 *
 * Four tracks share one shape so the timeline page can merge and sort them:
 * - `protocol`: the curated hybi drafts and RFC 6455 (`protocol-track.ts`);
 * - `api`: the W3C/WHATWG WebSocket API revisions (computed elsewhere);
 * - `implementation`: what real peers did (`implementations-track.ts`);
 * - `discussion`: mailing-list messages that explain a turn.
 *
 * Every event quotes its source exactly (short: a sentence or a clause of
 * one) and says where the quotation was checked (`verifiedFrom`). When the
 * exact words of a hybi draft could not be verified, the event quotes the
 * RFC 6455 text the rule became instead and says so (`quotationSource:
 * 'rfc6455'`): text is never retyped from memory or paraphrased.
 */

export const TRACKS = ['protocol', 'api', 'implementation', 'discussion'] as const;
export type Track = (typeof TRACKS)[number];

/**
 * What the event did to the text. `in-force`: the text is there in this
 * document, but the draft that first had it is not traced (the seed quotes
 * the hybi-05 rules from "hybi-05 and earlier"), so it is not an addition.
 */
export const CHANGES = ['added', 'in-force', 'removed', 'changed', 'discussion', 'implementation'] as const;
export type Change = (typeof CHANGES)[number];

/** How a page names an event's change: `text added`, `in force as of hybi-05`, `discussion`. */
export function changeLabel(event: Pick<HistoryEvent, 'change' | 'documentLabel'>): string {
  switch (event.change) {
    case 'implementation':
    case 'discussion':
      return event.change;
    case 'in-force':
      return `in force as of ${event.documentLabel}`;
    default:
      return `text ${event.change}`;
  }
}

/**
 * Whose words `quotation` holds:
 * - `document`: the event's own document (the draft, RFC, message, commit);
 * - `rfc6455`: the RFC 6455 text this change became, because the draft's own
 *   words could not be verified; it is a substring of one of `rfcClauses`;
 * - `source-code`: a string literal or comment of the implementation's source;
 * - `evidence`: a message recorded by an evidence run (console text).
 */
export const QUOTATION_SOURCES = ['document', 'rfc6455', 'source-code', 'evidence'] as const;
export type QuotationSource = (typeof QUOTATION_SOURCES)[number];

/** A further link shown with the event (issue, code review, old location). */
export interface EventLink {
  label: string;
  url: string;
}

/** Where the quoted words were published, when not in the event's document. */
export interface QuotationOrigin {
  /** e.g. `draft-ietf-hybi-thewebsocketprotocol-05`. */
  document: string;
  /** e.g. `hybi-05`. */
  documentLabel: string;
  section: string | null;
  url: string;
}

export interface HistoryEvent {
  /** Stable slug, unique across all tracks, e.g. `hybi-08-server-refusal-http-error`. */
  id: string;
  /**
   * ISO 8601 calendar date: `YYYY-MM-DD`, or `YYYY-MM` when the source gives
   * only the month (RFC 6455 is dated "December 2011"). Sorting the strings
   * sorts the events.
   */
  date: string;
  track: Track;
  /** Document name, e.g. `draft-ietf-hybi-thewebsocketprotocol-05`, `rfc6455`. */
  document: string;
  /** Short label, e.g. `hybi-05`, `RFC 6455`, `hybi list`. */
  documentLabel: string;
  /** Section number in the document (`7.1.1`), or null. */
  section: string | null;
  /** One line: what changed. */
  title: string;
  /**
   * Short, exact quotation as published. For a `removed` event, the text
   * that was removed (`quotationOrigin` says where it stood).
   */
  quotation: string;
  /** Whose words `quotation` holds; absent means `document`. */
  quotationSource?: QuotationSource;
  /** For a `removed` event (or a quotation taken from another version). */
  quotationOrigin?: QuotationOrigin;
  change: Change;
  /**
   * Canonical link. Drafts:
   * `https://datatracker.ietf.org/doc/html/draft-ietf-hybi-thewebsocketprotocol-NN#section-X`
   * (no fragment when `section` is null); RFC 6455:
   * `https://www.rfc-editor.org/rfc/rfc6455.html#section-X`.
   */
  url: string;
  /** Clause or section IDs of RFC 6455 the change became (`rfc6455#section-4.2.2-2.4.2.1`). */
  rfcClauses: string[];
  /** W3C/WHATWG clause IDs, only where certain. */
  apiClauses?: string[];
  /** Two to four sentences, plain English: why it matters. */
  explanation: string;
  /** Where the quotation (and date) was checked: URLs or `owner/repo:path@commit`. */
  verifiedFrom: string[];
  /** Further links (issue, code review, mailing-list archive). */
  links?: EventLink[];
}

/** `hybi-05` → `draft-ietf-hybi-thewebsocketprotocol-05`. */
export function hybiDraftName(revision: number): string {
  return `draft-ietf-hybi-thewebsocketprotocol-${String(revision).padStart(2, '0')}`;
}

/** The canonical datatracker link of a hybi draft, with a section fragment if given. */
export function hybiDraftUrl(revision: number, section: string | null): string {
  const base = `https://datatracker.ietf.org/doc/html/${hybiDraftName(revision)}`;
  return section === null ? base : `${base}#section-${section}`;
}

/** The rfc-editor link of an RFC 6455 section. */
export function rfc6455Url(section: string | null): string {
  const base = 'https://www.rfc-editor.org/rfc/rfc6455.html';
  return section === null ? base : `${base}#section-${section}`;
}

/** The exact link format of a hybi draft event (NN two digits; optional `#section-X`). */
export const HYBI_DRAFT_URL =
  /^https:\/\/datatracker\.ietf\.org\/doc\/html\/draft-ietf-hybi-thewebsocketprotocol-(\d{2})(?:#section-(\d+(?:\.\d+)*))?$/;

/** `YYYY-MM-DD` or `YYYY-MM`, and a real calendar date. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Events in timeline order: by date, then by id (stable for equal dates). */
export function sortEvents<T extends HistoryEvent>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Whole calendar months from one `YYYY-MM-DD` date to a later one, plus the
 * rest as a fraction of the last month (30-day months): 2011-05-24 →
 * 2012-07-11 is 13.57, 2011-02-25 → 2012-07-11 is 16.53. The pages round
 * it to a half month ("thirteen and a half months") or a month
 * ("seventeen months", the seed's 一年五ヶ月).
 */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  let months = (y2 - y1) * 12 + (m2 - m1);
  let days = d2 - d1;
  if (days < 0) {
    months -= 1;
    days += 30;
  }
  return months + days / 30;
}
