/**
 * An echo client in the convention of Autobahn|Testsuite's fuzzing server,
 * so that any harness speaking it can test this client:
 *
 *   npm run echo-client -- ws://127.0.0.1:9001 [--agent wsspec]
 *
 * 1. `/getCaseCount`: the server sends the number of cases as a text message;
 * 2. `/runCase?case=N&agent=A` for N = 1 … count: every message the server
 *    sends is echoed with its type (text as text, binary as binary) until
 *    the server closes; whatever the case does to the connection, the next
 *    case follows;
 * 3. `/updateReports?agent=A`: the server writes its reports, then closes.
 *
 * permessage-deflate is offered (RFC 7692; every message compressed, so
 * that the compression cases exercise it) unless `--no-deflate`. Each case
 * is bounded by `--case-timeout` seconds (default 300), after which its
 * connection is dropped and the run goes on.
 *
 *   --agent <name>          the agent name in the reports (default "wsspec")
 *   --cases <list>          run only these case numbers, e.g. 1-16,20
 *   --no-deflate            offer no extension
 *   --case-timeout <s>      longest a case may run, in seconds (default 300)
 *   --max-message-size <n>  largest message accepted, in bytes (default 16 MiB)
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect } from './client.ts';
import type { ConnectOptions, WebSocketClient } from './client.ts';
import { clientDeflate } from './deflate.ts';

export interface EchoClientOptions {
  /** Agent name in the fuzzing server's reports. Default "wsspec". */
  agent?: string;
  /** Case numbers to run; default every case from 1 to the count. */
  cases?: readonly number[];
  /** Offer permessage-deflate. Default true. */
  deflate?: boolean;
  /** Longest a case may run, in milliseconds. Default 300 000. */
  caseTimeout?: number;
  maxMessageSize?: number;
  /** One line per case and step. Default: nothing. */
  log?: (line: string) => void;
}

export interface CaseOutcome {
  case: number;
  /** Messages echoed. */
  echoed: number;
  /** Close code seen by this client (1006 when the connection failed or timed out). */
  code: number;
  wasClean: boolean;
  /** Why the connection failed, if it did (this client's view; the server judges the case). */
  error: string | null;
  timedOut: boolean;
}

/** What the whole run saw. */
export interface EchoRunResult {
  caseCount: number;
  outcomes: CaseOutcome[];
}

export const DEFAULT_CASE_TIMEOUT = 300_000;

function connectOptions(options: EchoClientOptions): ConnectOptions {
  return {
    ...(options.deflate !== false && clientDeflate({ threshold: 0 })),
    ...(options.maxMessageSize !== undefined && { maxMessageSize: options.maxMessageSize }),
  };
}

/**
 * Opens `url` with every listener attached before the handshake completes
 * (a server may send its first message in the same packet as its 101) and
 * resolves once the connection is closed, or after `ms` with it dropped.
 */
function session(url: string, options: EchoClientOptions, onMessage: (ws: WebSocketClient, data: string | Uint8Array) => void): Promise<SessionEnd> {
  return new Promise((resolve) => {
    const ws = connect(url, connectOptions(options));
    let error: string | null = null;
    const timer = setTimeout(() => {
      ws.terminate();
      resolve({ code: 1006, wasClean: false, timedOut: true, error });
    }, options.caseTimeout ?? DEFAULT_CASE_TIMEOUT);
    ws.on('message', (data) => onMessage(ws, data));
    ws.on('error', (failure) => {
      error ??= failure.message;
    });
    ws.once('close', (info) => {
      clearTimeout(timer);
      resolve({ code: info.code, wasClean: info.wasClean, timedOut: false, error });
    });
  });
}

interface SessionEnd {
  code: number;
  wasClean: boolean;
  timedOut: boolean;
  error: string | null;
}

/** `/getCaseCount`: the one text message of that resource, as a number. */
async function caseCount(base: string, options: EchoClientOptions): Promise<number> {
  let message: string | Uint8Array | null = null;
  const end = await session(`${base}/getCaseCount`, options, (ws, data) => {
    message ??= data;
    ws.close();
  });
  if (message === null) throw new Error(`/getCaseCount sent no count (${end.error ?? `closed with ${end.code}`})`);
  const text: string = typeof message === 'string' ? message : new TextDecoder().decode(message);
  const count = Number(text);
  if (!Number.isInteger(count) || count < 0) throw new Error(`/getCaseCount answered ${JSON.stringify(text)}`);
  return count;
}

/** `/runCase`: echoes every message with its type until the server closes. */
async function runCase(base: string, n: number, options: EchoClientOptions): Promise<CaseOutcome> {
  const agent = encodeURIComponent(options.agent ?? 'wsspec');
  let echoed = 0;
  const end = await session(`${base}/runCase?case=${n}&agent=${agent}`, options, (ws, data) => {
    // A string was a text message, bytes a binary one: the echo keeps the type.
    if (ws.send(data)) echoed++;
  });
  return { case: n, echoed, ...end };
}

/** `/updateReports`: the server writes its reports, then closes. */
async function updateReports(base: string, options: EchoClientOptions): Promise<void> {
  await session(`${base}/updateReports?agent=${encodeURIComponent(options.agent ?? 'wsspec')}`, options, () => {});
}

/** Runs the cases of the fuzzing server at `url` (ws://host:port), one connection at a time. */
export async function runEchoClient(url: string, options: EchoClientOptions = {}): Promise<EchoRunResult> {
  const base = url.replace(/\/+$/, '');
  const log = options.log ?? (() => {});
  const count = await caseCount(base, options);
  log(`${count} cases`);
  const cases = options.cases ?? Array.from({ length: count }, (_, i) => i + 1);
  const outcomes: CaseOutcome[] = [];
  for (const n of cases) {
    const outcome = await runCase(base, n, options);
    outcomes.push(outcome);
    const detail = outcome.timedOut ? 'timed out' : `closed ${outcome.code}${outcome.wasClean ? '' : ' (not clean)'}`;
    log(`case ${n}/${count}: ${outcome.echoed} echoed, ${detail}${outcome.error === null ? '' : `: ${outcome.error}`}`);
  }
  await updateReports(base, options);
  log('reports updated');
  return { caseCount: count, outcomes };
}

/** "1-3,7" → [1, 2, 3, 7]. */
export function parseCaseList(list: string): number[] {
  const cases: number[] = [];
  for (const part of list.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (match === null) throw new Error(`not a case list: ${list}`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    for (let n = from; n <= to; n++) cases.push(n);
  }
  return cases;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      agent: { type: 'string', default: 'wsspec' },
      cases: { type: 'string' },
      'no-deflate': { type: 'boolean', default: false },
      'case-timeout': { type: 'string' },
      'max-message-size': { type: 'string' },
    },
  });
  const url = positionals[0];
  if (url === undefined || !/^wss?:\/\//.test(url)) {
    console.error('Usage: npm run echo-client -- ws://host:port [--agent name] [--cases 1-10] [--no-deflate]');
    process.exit(2);
  }
  const result = await runEchoClient(url, {
    agent: values.agent,
    deflate: !values['no-deflate'],
    log: (line) => console.log(line),
    ...(values.cases !== undefined && { cases: parseCaseList(values.cases) }),
    ...(values['case-timeout'] !== undefined && { caseTimeout: Number(values['case-timeout']) * 1000 }),
    ...(values['max-message-size'] !== undefined && { maxMessageSize: Number(values['max-message-size']) }),
  });
  console.log(`${result.outcomes.length} of ${result.caseCount} cases run`);
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
