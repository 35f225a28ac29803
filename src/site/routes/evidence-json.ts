/**
 * /evidence.json: the recorded scenario runs with everything the evidence
 * pages derive from them (verdicts, the clauses each difference is charged
 * to, known differences, each clause's count per implementation), for
 * other tools. See `evidenceJson` in src/site/evidence-data.ts.
 */
import type { APIRoute } from 'astro';
import { evidenceJson } from '../evidence-data.ts';

export const GET: APIRoute = () => new Response(JSON.stringify(evidenceJson()), { headers: { 'Content-Type': 'application/json' } });
