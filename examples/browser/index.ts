/**
 * Your own browser against the scenario catalogue: a local page runs every API scenario and shows its results next to the recorded Chromium run.
 *
 * The site's evidence comes from a catalogue of scenarios
 * (`src/evidence/scenarios.ts`): each a server behaviour, a script for the
 * WebSocket API, and what the standard requires the script to observe.
 * The test suite runs them in headless Chromium, Node's WebSocket and this
 * project's, and records the runs in `.cache/evidence/scenarios.json`.
 *
 * This example runs the same scenarios in the browser you are reading with.
 * It starts the scenario server (`src/evidence/server.ts`) and a page on
 * 127.0.0.1, prints the page's URL, and waits. The page runs each
 * scenario's script with your browser's `WebSocket` through the same driver
 * the suite uses (`src/evidence/driver.ts`, sent to the page as it is),
 * and the example compares what your browser observed, and what the server
 * received, with the standard and with the recorded Chromium run. The
 * page shows each verdict; the terminal prints the table.
 *
 * Run one browser at a time: the server attributes what it receives to the
 * scenario that is running. `--headless` drives headless Chromium instead
 * (what the test does). Without a recorded run, it says so and compares
 * with the standard only.
 *
 * Options:
 *   --headless           run the page in headless Chromium, print the table, and exit
 *   --once               exit after the first browser has run the page (default: serve until --timeout)
 *   --timeout <s>        how long to serve the page (default 600)
 *   --port <p>           port of the page (default: a free one)
 *   --scenarios <ids>    only these scenarios, comma-separated
 *
 * Clauses: whatwg#feedback-from-the-protocol-11, whatwg#closeWebSocket-step-2, whatwg#closeWebSocket-step-3,
 *   whatwg#concept-websocket-establish-step-11.1, whatwg#dom-websocket-websocket, whatwg#dom-websocket-close,
 *   whatwg#dom-websocket-send, whatwg#handle-a-websocket-message-step-3
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { canonicalLines, linesMatch, normalizeEntry, normalizePorts, readEvidenceFile, runsOf, SCENARIOS_FILE } from '../../src/evidence/observation.ts';
import type { ObservedEntry } from '../../src/evidence/observation.ts';
import { runScript } from '../../src/evidence/driver.ts';
import type { DriverConfig, DriverResult, ScriptStep } from '../../src/evidence/driver.ts';
import { knownDifferenceFor, differenceId } from '../../src/evidence/expectations.ts';
import { expectedLines, SCENARIOS } from '../../src/evidence/scenarios.ts';
import { startScenarioServer } from '../../src/evidence/server.ts';
import { watchdog } from '../_lib/lifetime.ts';
import { pageHtml, ReportCollector, runInBrowser } from '../_lib/page.ts';
import type { PageReport } from '../_lib/page.ts';
import { heading, print, table } from '../_lib/text.ts';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    once: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '600' },
    port: { type: 'string', default: '0' },
    scenarios: { type: 'string' },
  },
});
const timeoutMs = Number(values.timeout) * 1000;
watchdog(values.headless ? 60_000 : timeoutMs + 30_000);

const only = values.scenarios?.split(',').filter((id) => id !== '');
const catalogue = only === undefined ? SCENARIOS : SCENARIOS.filter((scenario) => only.includes(scenario.id));
if (catalogue.length === 0) {
  console.log(`No scenario named ${values.scenarios}. The scenarios: ${SCENARIOS.map((scenario) => scenario.id).join(', ')}`);
  process.exit(2);
}

// ─── The recorded run, the scenario server, the page ──────────────────────

// A full test run may be rewriting the file while this reads it: then there is no recorded run to compare with.
const recorded = await readEvidenceFile().catch(() => null);
const chromium = recorded?.implementations.chromium;
const recordedLabel = recorded === null ? null : `Chromium ${chromium?.version ?? '?'}, recorded ${recorded.recordedAt.slice(0, 16).replace('T', ' ')} UTC`;

const scenarioServer = await startScenarioServer(catalogue);

interface Verdict {
  id: string;
  /** The run matched what the standard requires. */
  standard: boolean;
  /** The known Chromium difference it matches, if it does not match the standard. */
  known: string | null;
  /** Same lines as the recorded Chromium run; null without a recorded run. */
  sameAsRecorded: boolean | null;
  lines: string[];
  recordedLines: string[] | null;
}

/** POST /begin: the next connections belong to this scenario. POST /result: judge one run. */
function judge(id: string, observed: ObservedEntry[]): Verdict {
  const scenario = catalogue.find((candidate) => candidate.id === id);
  const run = `browser:${id}`;
  const record = { scenario: id, implementation: 'chromium' as const, observed: observed.map(normalizeEntry), server: scenarioServer.log(run).map(normalizePorts) };
  const lines = canonicalLines(record);
  const standard = scenario !== undefined && linesMatch(expectedLines(scenario), lines);
  const known = standard ? undefined : knownDifferenceFor(record);
  const chromiumRun = recorded === null ? undefined : runsOf(recorded, id).chromium;
  const recordedLines = chromiumRun === undefined ? null : canonicalLines(chromiumRun);
  return {
    id,
    standard,
    known: known === undefined ? null : differenceId(known),
    sameAsRecorded: recordedLines === null ? null : recordedLines.length === lines.length && recordedLines.every((line, i) => line === lines[i]),
    lines,
    recordedLines,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const collector = new ReportCollector<Verdict[]>();
const http = createServer((req: IncomingMessage, res: ServerResponse) => {
  if (collector.handle(req, res)) return;
  if (req.method === 'GET' && req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    return;
  }
  if (req.method === 'POST' && req.url === '/begin') {
    void readBody(req).then((id) => {
      scenarioServer.begin(`browser:${id}`);
      res.writeHead(204).end();
    });
    return;
  }
  if (req.method === 'POST' && req.url === '/result') {
    void readBody(req).then((body) => {
      const { id, observed } = JSON.parse(body) as { id: string; observed: ObservedEntry[] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(judge(id, observed)));
    });
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
});
await new Promise<void>((resolve) => http.listen(Number(values.port), '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;

// ─── The page's script ────────────────────────────────────────────────────

interface PageConfig {
  driver: Omit<DriverConfig, 'urls'> & { urls: Record<string, string> };
  scenarios: Array<{ id: string; title: string; script: readonly ScriptStep[] }>;
  recorded: string | null;
}

/**
 * Runs in the page: each scenario through the driver (`runScript`, placed
 * in the page beside this function), then asks the example for a verdict.
 */
async function runAll(config: PageConfig, print: (line: string) => void): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  print(`${config.scenarios.length} scenarios, compared with the standard${config.recorded === null ? ' (no recorded Chromium run to compare with)' : ` and with ${config.recorded}`}:\n`);
  for (const scenario of config.scenarios) {
    await fetch('/begin', { method: 'POST', body: scenario.id });
    const result: DriverResult = await runScript(WebSocket, scenario.script, config.driver);
    // Let the server's log catch up with the last frames.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const response = await fetch('/result', { method: 'POST', body: JSON.stringify({ id: scenario.id, observed: result.observed }) });
    const verdict = (await response.json()) as Verdict;
    verdicts.push(verdict);
    const standard = verdict.standard ? 'matches the standard' : verdict.known !== null ? `differs from the standard (known: ${verdict.known})` : 'DIFFERS from the standard';
    const versus = verdict.sameAsRecorded === null ? '' : verdict.sameAsRecorded ? '; same as recorded Chromium' : '; differs from recorded Chromium';
    print(`${verdict.standard ? '✓' : '✗'} ${scenario.id}: ${standard}${versus}`);
    if (verdict.sameAsRecorded === false) {
      print(`    yours:\n${verdict.lines.map((line) => `      ${line}`).join('\n')}`);
      print(`    recorded Chromium:\n${(verdict.recordedLines ?? []).map((line) => `      ${line}`).join('\n')}`);
    }
  }
  return verdicts;
}

function page(): string {
  return pageHtml({
    title: 'browser: the WebSocket scenarios in your browser',
    intro: `Every scenario of wsspec's catalogue, run with your browser's WebSocket against the local scenario server, and compared with what the standard requires${recordedLabel === null ? '' : ` and with the recorded run (${recordedLabel})`}.`,
    prelude: `const runScript = ${runScript.toString()};`,
    script: runAll,
    config: {
      driver: { urls: scenarioServer.urls, timeoutMs: 5000, settleMs: 100 },
      scenarios: catalogue.map((scenario) => ({ id: scenario.id, title: scenario.title, script: scenario.script })),
      recorded: recordedLabel,
    } satisfies PageConfig,
  });
}

// ─── Report ───────────────────────────────────────────────────────────────

function report(run: PageReport<Verdict[]>, browser: string): void {
  const verdicts = run.report ?? [];
  const cell = (verdict: Verdict): string => (verdict.standard ? 'matches' : verdict.known !== null ? `differs (known: ${verdict.known})` : 'DIFFERS');
  const versus = (verdict: Verdict): string => (verdict.sameAsRecorded === null ? '(no recorded run)' : verdict.sameAsRecorded ? 'same' : 'DIFFERENT');
  print(
    heading(`browser: ${catalogue.length} scenarios in ${browser}`),
    recorded === null ? `No recorded run in ${SCENARIOS_FILE}: run npm run test:unit to record one. Compared with the standard only.` : `Recorded run: ${recordedLabel}.`,
    table(
      ['scenario', 'group', 'the standard', 'recorded Chromium'],
      verdicts.map((verdict) => [verdict.id, catalogue.find((scenario) => scenario.id === verdict.id)?.group ?? '', cell(verdict), versus(verdict)]),
    ),
  );
  const matching = verdicts.filter((verdict) => verdict.standard).length;
  const same = verdicts.filter((verdict) => verdict.sameAsRecorded === true).length;
  const lines = [`${verdicts.length} of ${catalogue.length} scenarios ran: ${matching} match the standard, ${verdicts.length - matching} differ.`];
  if (recorded !== null) lines.push(`${same} of ${verdicts.length} observed exactly what the recorded Chromium run observed.`);
  for (const verdict of verdicts.filter((candidate) => candidate.sameAsRecorded === false)) {
    lines.push('', `${verdict.id}, this browser:`, ...verdict.lines.map((line) => `  ${line}`), 'recorded Chromium:', ...(verdict.recordedLines ?? []).map((line) => `  ${line}`));
  }
  if (run.failure !== undefined) lines.push(`The page failed: ${run.failure}`);
  print(lines.join('\n'));
}

if (values.headless) {
  const run = await runInBrowser(collector, { url: pageUrl, serve: false, timeoutMs: 45_000 });
  if (run !== null) report(run.reports[0]!, run.browser);
  await scenarioServer.close();
  http.closeAllConnections();
  http.close();
  process.exit(run === null ? 1 : 0);
}

console.log(`Scenario server on ${scenarioServer.urls['ws']}; ${catalogue.length} scenarios.`);
console.log(`Open ${pageUrl} in your browser (one browser at a time). Serving for ${Math.round(timeoutMs / 1000)} s${values.once ? ', or until one browser has run the page' : ''}; Ctrl-C to stop.`);
console.log();
const deadline = Date.now() + timeoutMs;
for (let count = 1; ; count++) {
  const reports = await collector.wait(count, deadline - Date.now());
  if (reports === null) {
    if (count === 1) console.log(`No browser ran the page within ${Math.round(timeoutMs / 1000)} s.`);
    break;
  }
  const run = reports[count - 1]!;
  report(run, run.userAgent);
  if (values.once) break;
}
await scenarioServer.close();
http.closeAllConnections();
http.close();
process.exit(collector.reports.length > 0 ? 0 : 1);
