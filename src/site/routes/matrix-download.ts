/** The matrix as data: /matrix.json and /matrix.csv. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { matrixCsv, matrixTotals } from '../../trace/matrix.ts';
import { siteTrace } from '../trace-data.ts';
import { siteMatrixRows } from '../matrix-data.ts';

export const getStaticPaths = (() => [{ params: { format: 'json' } }, { params: { format: 'csv' } }]) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const trace = await siteTrace();
  const rows = await siteMatrixRows();
  if (params['format'] === 'csv') {
    return new Response(matrixCsv(rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  }
  const body = { run: trace.run, totals: matrixTotals(rows), rows };
  return new Response(JSON.stringify(body, null, 1), { headers: { 'Content-Type': 'application/json' } });
};
