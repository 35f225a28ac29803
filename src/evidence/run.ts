/**
 * Runs the scenario catalogue on every implementation and records the runs.
 * One driver (driver.ts's runScript, unchanged everywhere), one catalogue;
 * each implementation is an adapter that knows how to hand the driver its
 * WebSocket and collect what the engine printed:
 *
 *   wsspec    ours (src/api), in this Node process, with its diagnostics
 *   undici    Node's global WebSocket, in this Node process
 *   chromium  a page of headless Chromium (Playwright), console lines
 *   firefox   a page of headless Firefox ESR (puppeteer-core, WebDriver BiDi), console and page errors
 *   webkit    a page of MiniBrowser (WebKitGTK) under Xvfb, launched with its console on stdout
 *   bun, deno one runtime process each (engines/runtime-host.ts), their output as console
 *
 * Each implementation gets its own scenario server, so all run side by
 * side; within one, scenarios run one after another in one page or process.
 *
 * An engine that cannot run here fails the run in CI (CI=true); elsewhere it
 * is reported (which engine, the install command) and its runs from the
 * previous recording are kept, marked with their date.
 *
 *   node src/evidence/run.ts                 records .cache/evidence/scenarios.json
 *   node src/evidence/run.ts open-101 firefox only these scenarios / implementations
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket as OurWebSocket } from '../api/index.ts';
import { REPO_ROOT } from '../corpus/sources/paths.ts';
import { ENGINES, engineMissing, launchBrowser, launchWebKitConsole, openRuntime } from '../engines/index.ts';
import type { BrowserPage, BrowserSession, EngineMissing } from '../engines/index.ts';
import { currentRunInfo } from './run-info.ts';
import { attributeDifferences } from './attribution.ts';
import { runScript } from './driver.ts';
import type { DriverConfig, DriverResult } from './driver.ts';
import { differenceId, knownDifferenceFor } from './expectations.ts';
import { canonicalLines, IMPLEMENTATIONS, linesMatch, normalizeEntry, normalizePorts, readEvidenceFile, writeEvidenceFile } from './observation.ts';
import type { EvidenceFile, Implementation, ImplementationInfo, ObservationRecord, Verdict } from './observation.ts';
import { describeBehaviour, describeStep, expectedLines, SCENARIOS, statusOf } from './scenarios.ts';
import type { Scenario } from './scenarios.ts';
import { startScenarioServer } from './server.ts';
import type { ScenarioServer } from './server.ts';

export interface RecordOptions {
  scenarios?: readonly Scenario[];
  implementations?: readonly Implementation[];
  /** Default timeout of each awaited event, ms. Default 5000. */
  timeoutMs?: number;
  /** Quiet time after each script, ms. Default 100. */
  settleMs?: number;
  /** Fail when an engine cannot run (default: in CI, CI=true). */
  requireAll?: boolean;
  /** The earlier recording whose runs stand in for an engine that cannot run (default: the file on disk). */
  previous?: EvidenceFile | null;
  /** Progress messages. */
  progress?: (message: string) => void;
  /** Where missing engines are reported (default: console.error). */
  warn?: (message: string) => void;
}

/** How long to wait after a script for the server's log and the engine's console to catch up, ms. */
const AFTER_RUN_MS = 60;

type Outcome = DriverResult & { console: string[] };

/** One implementation, ready to run scenarios against a scenario server. */
interface Adapter {
  info: ImplementationInfo;
  run(scenario: Scenario, config: DriverConfig): Promise<Outcome>;
  close(): Promise<void>;
}

/** The expression that runs the driver where `WebSocket` is the engine's own. */
function driverExpression(scenario: Scenario, config: DriverConfig): string {
  return `(${runScript.toString()})(WebSocket, ${JSON.stringify(scenario.script)}, ${JSON.stringify(config)})`;
}

/** The generous limit on one script's evaluation (the driver stops its own waits long before). */
function evaluationLimit(scenario: Scenario, config: DriverConfig): number {
  const waits = scenario.script.filter((step) => step.op === 'wait').reduce((total, step) => total + (step.op === 'wait' ? (step.timeoutMs ?? config.timeoutMs) : 0), 0);
  return waits + config.settleMs + 30_000;
}

/** A page or runtime process that evaluates the driver, with the console lines that arrived meanwhile. */
function evaluatingAdapter(info: ImplementationInfo, target: Pick<BrowserPage, 'evaluate' | 'consoleLines'>, close: () => Promise<void>): Adapter {
  return {
    info,
    async run(scenario, config) {
      const before = target.consoleLines().length;
      let result: DriverResult;
      try {
        result = await target.evaluate<DriverResult>(driverExpression(scenario, config), evaluationLimit(scenario, config));
      } catch (error) {
        // The engine itself failed (not the WebSocket): recorded as what was observed, so the run shows it.
        result = { observed: [{ type: 'exception', op: 'driver', name: 'EngineError', message: String((error as Error).message ?? error).slice(0, 300) }], durationMs: 0 };
      }
      await sleep(AFTER_RUN_MS);
      return { ...result, console: target.consoleLines().slice(before) };
    },
    close,
  };
}

async function browserAdapter(session: BrowserSession, server: ScenarioServer, driver: string): Promise<Adapter> {
  const page = await session.openPage(server.pageUrl);
  const userAgent = await page.evaluate<string>('navigator.userAgent');
  const info: ImplementationInfo = { name: session.info.label, version: session.info.version, userAgent, url: session.info.source, driver, console: true };
  return evaluatingAdapter(info, page, async () => {
    await page.close();
    await session.close();
  });
}

async function inProcessAdapter(implementation: 'undici' | 'wsspec'): Promise<Adapter> {
  if (implementation === 'undici') {
    return {
      info: {
        name: ENGINES.undici.label,
        version: `${process.versions['undici'] ?? '?'} (Node ${process.version})`,
        url: ENGINES.undici.source,
        driver: "Node's global WebSocket, in the test process",
        console: false,
      },
      async run(_scenario, config) {
        const result = await runScript(globalThis.WebSocket, _scenario.script, config);
        return { ...result, console: [] };
      },
      close: async () => {},
    };
  }
  const run = currentRunInfo();
  const packageVersion = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    info: {
      name: 'wsspec',
      version: `${packageVersion} (${run.commit === null ? 'no commit' : run.commit.slice(0, 12)}${run.dirty ? ', modified' : ''})`,
      url: ENGINES.wsspec.source,
      driver: 'src/api in the test process; its diagnostics as console',
      console: true,
    },
    async run(scenario, config) {
      const diagnostics: string[] = [];
      // Our class as a script sees it (the standard's two arguments), reporting its diagnostics here.
      class WebSocket extends OurWebSocket {
        constructor(url: string | URL, protocols: string | Iterable<string> = []) {
          if (arguments.length === 0) throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
          super(url, protocols, { onDiagnostic: (message) => diagnostics.push(message) });
        }
      }
      const result = await runScript(WebSocket, scenario.script, config);
      return { ...result, console: diagnostics };
    },
    close: async () => {},
  };
}

/** Starts an implementation's engine with its own scenario server. */
async function openAdapter(implementation: Implementation, scenarios: readonly Scenario[]): Promise<{ adapter: Adapter; server: ScenarioServer }> {
  switch (implementation) {
    case 'wsspec':
    case 'undici': {
      const server = await startScenarioServer(scenarios);
      return { adapter: await inProcessAdapter(implementation), server };
    }
    case 'chromium':
    case 'firefox': {
      const server = await startScenarioServer(scenarios);
      const session = await launchBrowser(implementation);
      const driver = implementation === 'chromium' ? 'Playwright (DevTools protocol), headless' : 'puppeteer-core over WebDriver BiDi, headless';
      return { adapter: await browserAdapter(session, server, driver), server };
    }
    case 'webkit': {
      const session = await launchWebKitConsole();
      const server = await startScenarioServer(scenarios, { pageScripts: [session.bridgeScript] });
      return { adapter: await browserAdapter(session, server, 'MiniBrowser under Xvfb, its console on stdout'), server };
    }
    case 'bun':
    case 'deno': {
      const server = await startScenarioServer(scenarios);
      const runtime = await openRuntime(implementation);
      const info: ImplementationInfo = {
        name: runtime.info.label,
        version: runtime.info.version,
        url: runtime.info.source,
        driver: `one ${runtime.info.label} process (node_modules/.bin/${implementation}) evaluating the driver`,
        console: true,
      };
      return { adapter: evaluatingAdapter(info, runtime, () => runtime.close()), server };
    }
  }
}

/** Records every scenario with every implementation. */
export async function recordScenarios(options: RecordOptions = {}): Promise<EvidenceFile> {
  const started = Date.now();
  const scenarios = options.scenarios ?? SCENARIOS;
  const implementations = options.implementations ?? IMPLEMENTATIONS;
  const config = { timeoutMs: options.timeoutMs ?? 5000, settleMs: options.settleMs ?? 100 };
  const requireAll = options.requireAll ?? process.env['CI'] === 'true';
  const warn = options.warn ?? ((message: string) => console.error(message));
  const run = currentRunInfo();

  const missing: EngineMissing[] = [];
  const runnable = implementations.filter((implementation) => {
    const why = engineMissing(implementation);
    if (why !== null) missing.push(why);
    return why === null;
  });
  if (missing.length > 0 && requireAll) {
    throw new Error(missing.map((why) => `${ENGINES[why.id].label} cannot run: ${why.reason}. Install: ${why.install}`).join('\n'));
  }

  const info: Partial<Record<Implementation, ImplementationInfo>> = {};
  const results = await Promise.all(
    runnable.map(async (implementation): Promise<ObservationRecord[]> => {
      let opened: { adapter: Adapter; server: ScenarioServer } | null = null;
      try {
        opened = await openAdapter(implementation, scenarios);
      } catch (error) {
        if (requireAll) throw error;
        missing.push({ id: implementation, reason: `it failed to start: ${(error as Error).message}`, install: ENGINES[implementation].needs[0]?.install ?? '' });
        return [];
      }
      const { adapter, server } = opened;
      info[implementation] = adapter.info;
      try {
        const records: ObservationRecord[] = [];
        for (const scenario of scenarios) {
          const runId = `${implementation}:${scenario.id}`;
          server.begin(runId);
          const outcome = await adapter.run(scenario, { urls: server.urls, ...config });
          await sleep(AFTER_RUN_MS);
          records.push({
            scenario: scenario.id,
            implementation,
            version: adapter.info.version,
            observed: outcome.observed.map(normalizeEntry),
            server: server.log(runId).map(normalizePorts),
            console: outcome.console.map(normalizePorts),
            durationMs: outcome.durationMs,
          });
          options.progress?.(`${implementation} ${scenario.id} ${outcome.durationMs} ms`);
        }
        return records;
      } finally {
        await adapter.close().catch(() => {});
        await server.close();
      }
    }),
  );
  const runs = results.flat();

  // Engines that could not run: say so loudly, keep their earlier runs.
  if (missing.length > 0) {
    const previous = options.previous !== undefined ? options.previous : await readEvidenceFile();
    for (const why of missing) {
      const earlier = previous?.runs.filter((record) => record.implementation === why.id && scenarios.some((scenario) => scenario.id === record.scenario)) ?? [];
      const earlierInfo = previous?.implementations[why.id];
      warn(
        [
          `\n*** ENGINE MISSING: ${ENGINES[why.id].label} did not run: ${why.reason}`,
          `*** Install it with: ${why.install}`,
          earlier.length > 0 && earlierInfo !== undefined
            ? `*** Keeping its ${earlier.length} runs recorded ${earlierInfo.carriedOverFrom ?? previous!.recordedAt}.\n`
            : '*** No earlier runs to keep: it is absent from the evidence.\n',
        ].join('\n'),
      );
      if (earlier.length > 0 && earlierInfo !== undefined) {
        runs.push(...earlier);
        info[why.id] = { ...earlierInfo, carriedOverFrom: earlierInfo.carriedOverFrom ?? previous!.recordedAt };
      }
    }
  }

  const order = (record: ObservationRecord): number => IMPLEMENTATIONS.indexOf(record.implementation) * 1000 + scenarios.findIndex((scenario) => scenario.id === record.scenario);
  runs.sort((a, b) => order(a) - order(b));
  return {
    format: 'wsspec-scenarios/1',
    recordedAt: new Date().toISOString(),
    run,
    // In the pages' order, whichever engine finished first.
    implementations: Object.fromEntries(IMPLEMENTATIONS.filter((id) => info[id] !== undefined).map((id) => [id, info[id]])) as Record<Implementation, ImplementationInfo>,
    missing: missing.map((why) => ({ id: why.id, reason: why.reason, install: why.install })),
    durationMs: Date.now() - started,
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
}

/** Whether a run matched the standard, which clauses its differences are charged to, and the known difference that explains it. */
export function verdictOf(record: ObservationRecord, scenarios: readonly Scenario[] = SCENARIOS): Verdict {
  const scenario = scenarios.find((candidate) => candidate.id === record.scenario);
  const actual = canonicalLines(record);
  const matches = scenario !== undefined && linesMatch(expectedLines(scenario), actual);
  const known = matches ? undefined : knownDifferenceFor(record);
  let differing: string[] = [];
  if (scenario !== undefined && !matches) {
    const attribution = attributeDifferences(scenario.expected, actual);
    differing = attribution.unplaced.length > 0 && known !== undefined ? [...new Set([...attribution.charged, ...known.clauses])].sort() : attribution.charged;
  }
  return {
    scenario: record.scenario,
    implementation: record.implementation,
    matches,
    knownDifference: known === undefined ? null : differenceId(known),
    differingClauses: differing,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const named = args.filter((arg): arg is Implementation => (IMPLEMENTATIONS as readonly string[]).includes(arg));
  const only = args.filter((arg) => !named.includes(arg as Implementation));
  const scenarios = only.length === 0 ? SCENARIOS : SCENARIOS.filter((scenario) => only.includes(scenario.id));
  const started = Date.now();
  const partial = only.length > 0 || named.length > 0;
  const file = await recordScenarios({ scenarios, ...(named.length > 0 && { implementations: named }), progress: (message) => console.error(message) });
  if (!partial) await writeEvidenceFile(file);
  const mismatches = file.verdicts.filter((verdict) => !verdict.matches);
  console.log(`${file.runs.length} runs in ${Date.now() - started} ms${partial ? ' (partial: not written)' : ''}; ${mismatches.length} differ from the standard:`);
  for (const verdict of mismatches) console.log(`  ${verdict.implementation} ${verdict.scenario}${verdict.knownDifference === null ? ' (UNLISTED)' : ''} [${verdict.differingClauses.join(', ')}]`);
  if (process.env['WSSPEC_DUMP'] !== undefined) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(process.env['WSSPEC_DUMP'], JSON.stringify(file, null, 2));
  }
}
