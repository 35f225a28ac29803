/**
 * Runs the scenario catalogue against the three implementations and
 * records the runs:
 *
 *   chromium  the browser's WebSocket, in a headless Chromium page (Playwright)
 *   undici    Node's global WebSocket
 *   wsspec    ours (src/api), in Node
 *
 * Each implementation gets its own scenario server, so the three run side
 * by side; within one, scenarios run one after another.
 *
 *   node src/evidence/run.ts            records .cache/evidence/scenarios.json
 *   node src/evidence/run.ts open-101   only the scenarios named
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, LaunchOptions, Page } from '@playwright/test';
import { WebSocket as OurWebSocket } from '../api/index.ts';
import { REPO_ROOT } from '../corpus/sources/paths.ts';
import { currentRunInfo } from '../trace/run-info.ts';
import { runScript } from './driver.ts';
import type { DriverConfig, DriverResult } from './driver.ts';
import { differenceId, knownDifferenceFor } from './expectations.ts';
import { canonicalLines, IMPLEMENTATIONS, linesMatch, normalizeEntry, normalizePorts, writeEvidenceFile } from './observation.ts';
import type { EvidenceFile, Implementation, ImplementationInfo, ObservationRecord, Verdict } from './observation.ts';
import { describeBehaviour, describeStep, expectedLines, SCENARIOS, statusOf } from './scenarios.ts';
import type { Scenario } from './scenarios.ts';
import { startScenarioServer } from './server.ts';
import type { ScenarioServer } from './server.ts';

export interface RecordOptions {
  scenarios?: readonly Scenario[];
  implementations?: readonly Implementation[];
  /** A browser to reuse (the caller closes it); otherwise one is launched with `launchOptions` and closed. */
  browser?: Browser;
  launchOptions?: LaunchOptions;
  /** Default timeout of each awaited event, ms. Default 5000. */
  timeoutMs?: number;
  /** Quiet time after each script, ms. Default 100. */
  settleMs?: number;
  /** Progress messages. */
  progress?: (message: string) => void;
}

/** How long to wait after a script for the server's log and Chromium's console to catch up, ms. */
const AFTER_RUN_MS = 60;

const SOURCES: Record<Implementation, string> = {
  chromium: 'https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/modules/websockets/dom_websocket.cc',
  undici: 'https://github.com/nodejs/undici/blob/main/lib/web/websocket/websocket.js',
  wsspec: 'src/api/websocket.ts',
};

/** Records every scenario with every implementation. */
export async function recordScenarios(options: RecordOptions = {}): Promise<EvidenceFile> {
  const scenarios = options.scenarios ?? SCENARIOS;
  const implementations = options.implementations ?? IMPLEMENTATIONS;
  const config = { timeoutMs: options.timeoutMs ?? 5000, settleMs: options.settleMs ?? 100 };
  const run = currentRunInfo();
  const packageVersion = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  let browser = options.browser ?? null;
  const ownBrowser = browser === null && implementations.includes('chromium');
  if (ownBrowser) {
    const { chromium } = await import('@playwright/test');
    browser = await chromium.launch(options.launchOptions);
  }

  const info: Record<Implementation, ImplementationInfo> = {
    chromium: { name: 'Chromium', version: browser?.version() ?? 'not run', url: SOURCES.chromium },
    undici: { name: 'undici (Node.js WebSocket)', version: `${process.versions['undici'] ?? '?'} (Node ${process.version})`, url: SOURCES.undici },
    wsspec: {
      name: 'wsspec',
      version: `${packageVersion} (${run.commit === null ? 'no commit' : run.commit.slice(0, 12)}${run.dirty ? ', modified' : ''})`,
      url: SOURCES.wsspec,
    },
  };

  try {
    const records = await Promise.all(
      implementations.map(async (implementation) => {
        const server = await startScenarioServer(scenarios);
        try {
          if (implementation === 'chromium') {
            const context = await browser!.newContext();
            try {
              const page = await context.newPage();
              if (info.chromium.userAgent === undefined) info.chromium.userAgent = await page.evaluate(() => navigator.userAgent);
              return await runSequence(scenarios, server, info.chromium.version, (scenario) => runInPage(page, scenario, server, config), implementation, options.progress);
            } finally {
              await context.close();
            }
          }
          const runner = implementation === 'undici' ? runWithUndici : runWithOurs;
          return await runSequence(scenarios, server, info[implementation].version, (scenario) => runner(scenario, server, config), implementation, options.progress);
        } finally {
          await server.close();
        }
      }),
    );
    const runs = records.flat();
    return {
      format: 'wsspec-scenarios/1',
      recordedAt: new Date().toISOString(),
      run,
      implementations: info,
      scenarios: scenarios.map((scenario) => ({
        id: scenario.id,
        title: scenario.title,
        group: scenario.group,
        clauses: [...scenario.clauses],
        server: { description: describeBehaviour(scenario.server), status: statusOf(scenario.server) },
        script: scenario.script.map(describeStep),
        expected: scenario.expected.map((expected) => ({ line: expected.line, clauses: [...expected.clauses] })),
      })),
      runs,
      verdicts: runs.map((record) => verdictOf(record, scenarios)),
    };
  } finally {
    if (ownBrowser) await browser?.close();
  }
}

/** Whether a run matched the standard, and the known difference that explains it if not. */
export function verdictOf(record: ObservationRecord, scenarios: readonly Scenario[] = SCENARIOS): Verdict {
  const scenario = scenarios.find((candidate) => candidate.id === record.scenario);
  const matches = scenario !== undefined && linesMatch(expectedLines(scenario), canonicalLines(record));
  const known = matches ? undefined : knownDifferenceFor(record);
  return { scenario: record.scenario, implementation: record.implementation, matches, knownDifference: known === undefined ? null : differenceId(known) };
}

type Config = Omit<DriverConfig, 'urls'>;
type Outcome = DriverResult & { console: string[] };

async function runSequence(
  scenarios: readonly Scenario[],
  server: ScenarioServer,
  version: string,
  runOne: (scenario: Scenario) => Promise<Outcome>,
  implementation: Implementation,
  progress?: (message: string) => void,
): Promise<ObservationRecord[]> {
  const records: ObservationRecord[] = [];
  for (const scenario of scenarios) {
    const runId = `${implementation}:${scenario.id}`;
    server.begin(runId);
    const outcome = await runOne(scenario);
    await sleep(AFTER_RUN_MS);
    records.push({
      scenario: scenario.id,
      implementation,
      version,
      observed: outcome.observed.map(normalizeEntry),
      server: server.log(runId).map(normalizePorts),
      console: outcome.console.map(normalizePorts),
      durationMs: outcome.durationMs,
    });
    progress?.(`${implementation} ${scenario.id} ${outcome.durationMs} ms`);
  }
  return records;
}

function driverConfig(server: ScenarioServer, config: Config): DriverConfig {
  return { urls: server.urls, ...config };
}

async function runWithUndici(scenario: Scenario, server: ScenarioServer, config: Config): Promise<Outcome> {
  const result = await runScript(globalThis.WebSocket, scenario.script, driverConfig(server, config));
  return { ...result, console: [] };
}

async function runWithOurs(scenario: Scenario, server: ScenarioServer, config: Config): Promise<Outcome> {
  const diagnostics: string[] = [];
  // Our class as a script sees it (the standard's two arguments), reporting its diagnostics here.
  class WebSocket extends OurWebSocket {
    constructor(url: string | URL, protocols: string | Iterable<string> = []) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
      super(url, protocols, { onDiagnostic: (message) => diagnostics.push(message) });
    }
  }
  const result = await runScript(WebSocket, scenario.script, driverConfig(server, config));
  return { ...result, console: diagnostics };
}

async function runInPage(page: Page, scenario: Scenario, server: ScenarioServer, config: Config): Promise<Outcome> {
  if (page.url() !== server.pageUrl) await page.goto(server.pageUrl);
  const messages: string[] = [];
  const onConsole = (message: { type(): string; text(): string }): void => {
    messages.push(`${message.type()}: ${message.text()}`);
  };
  page.on('console', onConsole);
  try {
    const result = (await page.evaluate(`(${runScript.toString()})(WebSocket, ${JSON.stringify(scenario.script)}, ${JSON.stringify(driverConfig(server, config))})`)) as DriverResult;
    await sleep(AFTER_RUN_MS);
    return { ...result, console: messages };
  } finally {
    page.off('console', onConsole);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (import.meta.main) {
  const { chromiumLaunchOptions } = await import('../../test/support/chromium.ts');
  const only = process.argv.slice(2);
  const scenarios = only.length === 0 ? SCENARIOS : SCENARIOS.filter((scenario) => only.includes(scenario.id));
  const started = Date.now();
  const file = await recordScenarios({ scenarios, launchOptions: chromiumLaunchOptions, progress: (message) => console.error(message) });
  await writeEvidenceFile(file);
  const mismatches = file.verdicts.filter((verdict) => !verdict.matches);
  console.log(`${file.runs.length} runs in ${Date.now() - started} ms; ${mismatches.length} differ from the standard:`);
  for (const verdict of mismatches) console.log(`  ${verdict.implementation} ${verdict.scenario}${verdict.knownDifference === null ? ' (UNLISTED)' : ''}`);
}
