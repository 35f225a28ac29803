/**
 * /wpt.json: the recorded WPT run, in the shape
 * `{ run, implementations, tests: [{ path, clauses, subtests: [{ name,
 * results: { <implementation>: { status, message? } } }] }] }`
 * (each test also carries its file, variant, scope and harness results).
 */
import type { APIRoute } from 'astro';
import { wptRun } from '../wpt-data.ts';

export const GET: APIRoute = () => {
  const run = wptRun();
  const body = run === null ? { run: null, implementations: {}, tests: [] } : { run: run.run, implementations: run.implementations, tests: run.tests };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
};
