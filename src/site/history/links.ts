/**
 * Links of the History pages: the timeline's URL, a clause's reader link
 * labelled with its citation, a clause's text for quoting it, and the
 * site's pairs of protocol events and API clauses about the same rule.
 */
import type { SourceId } from '../../corpus/model.ts';
import { isSourceId, splitId as splitCorpusId } from '../../corpus/model.ts';
import { withBase } from '../base.ts';
import { readerIndex, siteTarget } from '../corpora.ts';

export interface Link {
  label: string;
  href: string;
}

/** The site page of the timeline. */
export const TIMELINE_PATH = withBase('/timeline/');

/** Link to an item of the timeline page. */
export function timelineHref(itemId: string): string {
  return `${TIMELINE_PATH}#${itemId}`;
}


/** The source and anchor of an ID of a source with a reader, else null. */
export function splitId(clauseId: string): { source: SourceId; anchor: string } | null {
  const parts = splitCorpusId(clauseId);
  return parts && isSourceId(parts.source) ? { source: parts.source, anchor: parts.anchor } : null;
}

const SHORT_PREFIX: Record<SourceId, string> = { rfc6455: 'RFC 6455', whatwg: 'WHATWG', w3c: 'W3C CR' } as Record<SourceId, string>;

/**
 * The reader link of a clause or section ID, labelled with its citation:
 * `full` (`W3C WebSocket API (CR 2012) §4 WebSocket() step 8 ¶2`), `short`
 * (`W3C CR §4 WebSocket() step 8 ¶2`), or `bare` (`§4 WebSocket() step 8 ¶2`,
 * where the context names the spec).
 */
export function clauseLink(clauseId: string, form: 'full' | 'short' | 'bare' = 'full'): Link {
  const target = siteTarget(clauseId);
  if (target === null) throw new Error(`no clause or section ${clauseId}`);
  const { citation, source } = target;
  const name = readerIndex(source).corpus.source.shortName;
  const rest = citation.startsWith(name) ? citation.slice(name.length).replace(/^\s*(\([^)]*\))?,?\s*/, '') : citation;
  const label = form === 'full' ? citation : form === 'bare' ? rest : `${SHORT_PREFIX[source]} ${rest}`;
  return { label, href: target.href };
}

/** A clause's text, citation, reader link and canonical URL (for quoting it in a guide). */
export function clauseQuote(clauseId: string): { text: string; citation: string; href: string; url: string } {
  const parts = splitId(clauseId);
  const clause = parts === null ? undefined : readerIndex(parts.source).clause(parts.anchor);
  if (parts === null || clause === undefined) throw new Error(`no clause ${clauseId}`);
  const index = readerIndex(parts.source);
  return {
    text: clause.text,
    citation: clause.citation,
    href: index.href(parts.anchor),
    url: index.corpus.source.sectionUrl.replace('{anchor}', parts.anchor),
  };
}

/**
 * API clauses a protocol event is about, where the text is the same rule:
 * the hybi-05 sentences the API took over (W3C r1.210 and r1.271) and the
 * close code every failure reports. The protocol track names RFC clauses
 * only; these pairs are the site's, checked by test/site/history-data.test.ts
 * against the clause texts.
 */
export const RELATED_API_CLAUSES: Readonly<Record<string, readonly string[]>> = {
  'hybi-05-no-failure-information-to-scripts': ['w3c#feedback-from-the-protocol-12', 'whatwg#feedback-from-the-protocol-11'],
  'hybi-06-drops-failure-information-rule': ['w3c#feedback-from-the-protocol-12', 'whatwg#feedback-from-the-protocol-11'],
  'hybi-05-non-101-fails-connection': ['w3c#dom-websocket-step-8-2', 'whatwg#concept-websocket-establish-step-11.1'],
  'whatwg-list-2011-03-29-punt-redirects-in-the-api': [
    'w3c#dom-websocket-step-8-2',
    'w3c#dom-websocket-step-8-3',
    'whatwg#concept-websocket-establish-step-2',
  ],
  'hybi-08-close-codes-1005-1006': ['w3c#feedback-from-the-protocol-14', 'whatwg#feedback-from-the-protocol-13'],
};
