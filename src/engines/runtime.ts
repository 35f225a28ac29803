/**
 * Bun and Deno: JavaScript runtimes with WebSocket clients of their own
 * (Bun's in C++ over uSockets, Deno's in Rust over tokio), run from the
 * npm packages `bun` and `deno` (node_modules/.bin).
 *
 * Two ways to use one:
 *   - openRuntime(id): a long-lived process (runtime-host.ts) that
 *     evaluates expressions like a browser page, `evaluate(expression)`;
 *     its other output is its console.
 *   - runRuntimeScript(id, file, args): runs one script file to its end
 *     and returns its exit code, stdout and stderr.
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENGINES, PATHS } from './catalog.ts';
import { stopProcessGroup, track } from './process.ts';
import type { EngineInfo, RuntimeEngineId } from './types.ts';

export type ScriptRuntimeId = Exclude<RuntimeEngineId, 'undici'>;

/** A running Bun or Deno that evaluates expressions. */
export interface RuntimeSession {
  info: EngineInfo;
  /** Evaluates `expression` in the runtime's global scope (awaiting a promise); resolves with its JSON value. */
  evaluate<T>(expression: string, timeoutMs?: number): Promise<T>;
  /** What the runtime printed outside the replies (its console), in order. */
  consoleLines(): readonly string[];
  close(): Promise<void>;
}

export interface ScriptResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

const HOST = fileURLToPath(new URL('./runtime-host.ts', import.meta.url));
const MARK = '\u001eWSSPEC ';

/** The command line that runs `file` with `args` in the runtime, with network access (Deno asks for it). */
export function runtimeCommand(id: ScriptRuntimeId, file: string, args: readonly string[] = []): { command: string; args: string[] } {
  if (id === 'deno') return { command: PATHS.deno, args: ['run', '--allow-net', '--allow-read', '--no-prompt', '--no-check', file, ...args] };
  return { command: PATHS.bun, args: ['run', file, ...args] };
}

/** Quiet runtimes: no update checks or telemetry (the machine has no network). */
function runtimeEnv(): NodeJS.ProcessEnv {
  return { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', DO_NOT_TRACK: '1', BUN_DISABLE_TELEMETRY: '1', NO_COLOR: '1' };
}

/** Runs `file` in Bun or Deno to its end (killed after `timeoutMs`). */
export function runRuntimeScript(id: ScriptRuntimeId, file: string, args: readonly string[] = [], timeoutMs = 120_000): Promise<ScriptResult> {
  const { command, args: argv } = runtimeCommand(id, file, args);
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(command, argv, { env: runtimeEnv(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ exitCode, stdout, stderr, durationMs: Date.now() - started });
    });
  });
}

/** Starts Bun or Deno with the evaluation host; resolves once it said hello with its version. */
export async function openRuntime(id: ScriptRuntimeId): Promise<RuntimeSession> {
  const { command, args } = runtimeCommand(id, HOST);
  const child = track(spawn(command, args, { env: runtimeEnv(), stdio: ['pipe', 'pipe', 'pipe'], detached: true }));
  const lines: string[] = [];
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let version: string | null = null;
  let onHello: (() => void) | null = null;
  let exited: Error | null = null;

  const onLine = (text: string, stream: 'stdout' | 'stderr'): void => {
    if (stream === 'stdout' && text.startsWith(MARK)) {
      const message = JSON.parse(text.slice(MARK.length)) as { hello?: { version: string }; id?: number; ok?: boolean; value?: unknown; error?: string };
      if (message.hello !== undefined) {
        version = message.hello.version;
        onHello?.();
        return;
      }
      const waiter = pending.get(message.id!);
      pending.delete(message.id!);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(`${id}: ${message.error}`));
      return;
    }
    if (text.trim() !== '') lines.push(stream === 'stderr' ? `stderr: ${text}` : `log: ${text}`);
  };
  for (const stream of ['stdout', 'stderr'] as const) {
    let partial = '';
    child[stream].on('data', (chunk: Buffer) => {
      partial += chunk.toString();
      const complete = partial.split('\n');
      partial = complete.pop() ?? '';
      for (const text of complete) onLine(text, stream);
    });
  }
  child.once('exit', (code, signal) => {
    exited = new Error(`${id} exited (${code ?? signal}): ${lines.slice(-5).join(' | ')}`);
    for (const waiter of pending.values()) waiter.reject(exited);
    pending.clear();
    onHello?.();
  });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${id} did not start within 30 s: ${lines.join(' | ')}`)), 30_000);
    onHello = () => {
      clearTimeout(timer);
      if (version === null) reject(exited ?? new Error(`${id} did not start`));
      else resolve();
    };
  }).catch(async (error: unknown) => {
    await stopProcessGroup(child);
    throw error;
  });

  return {
    info: { id, label: ENGINES[id].label, version: version!, source: ENGINES[id].source },
    evaluate<T>(expression: string, timeoutMs = 60_000): Promise<T> {
      if (exited !== null) return Promise.reject(exited);
      const requestId = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(requestId);
          reject(new Error(`${id}: no result within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(requestId, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.stdin.write(JSON.stringify({ id: requestId, expression }) + '\n');
      });
    },
    consoleLines: () => lines,
    async close(): Promise<void> {
      child.stdin.end();
      await stopProcessGroup(child, 2000);
    },
  };
}

/** The runtime's version, from its command line ("1.4.5", "2.9.6"). */
export function runtimeVersion(id: ScriptRuntimeId): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(id === 'deno' ? PATHS.deno : PATHS.bun, ['--version'], { env: runtimeEnv(), timeout: 30_000 }, (error, stdout) => {
      if (error !== null) return reject(error);
      resolve(/(\d+\.\d+\.\d+\S*)/.exec(stdout)?.[1] ?? stdout.trim());
    });
  });
}
