/** The matrix as the site shows it: the W3C CR judged through its WHATWG counterparts. */
import { w3cClauseHistory } from '../history/api-track/index.ts';
import { matrixRows, type CounterpartOf, type MatrixRow } from '../trace/matrix.ts';
import { siteTrace } from './trace-data.ts';

const w3cCounterpart: CounterpartOf = (anchor) => {
  const history = w3cClauseHistory(anchor);
  if (history?.whatwg) return { id: history.whatwg.id, citation: history.whatwg.citation };
  return { missing: history?.noWhatwg?.explanation ?? 'the History track found no counterpart' };
};

let rows: Promise<MatrixRow[]> | undefined;

export function siteMatrixRows(): Promise<MatrixRow[]> {
  rows ??= siteTrace().then((trace) => matrixRows(trace.lookup, trace.links, { w3cCounterpart }));
  return rows;
}
