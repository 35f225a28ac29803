/**
 * The corpus as JSON (/corpus/<source>.json), for other tools: the same typed
 * data the pages are built from, with each clause's site URL added.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { SourceId } from '../../corpus/model.ts';
import { READER_SOURCES, readerIndex } from '../corpora.ts';
import { withBaseInHtml } from '../base.ts';

export const getStaticPaths = (() =>
  READER_SOURCES.map((source) => ({ params: { source }, props: { source } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ source: SourceId }> = ({ props }) => {
  const index = readerIndex(props.source);
  const { source, sections, clauses } = index.corpus;
  const body = {
    source,
    sections: sections.map((section) => ({ ...section, url: index.href(section.anchor) })),
    clauses: clauses.map((clause) => ({ ...clause, ...(clause.html !== undefined && { html: withBaseInHtml(clause.html) }), url: index.href(clause.anchor) })),
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
};
