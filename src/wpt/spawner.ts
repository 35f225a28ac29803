/**
 * Starts the runtime hosts' processes from a small process of its own
 * (spawner-process.ts) instead of the runner's.
 *
 * Node forks before it executes a child, and a fork copies the page tables
 * of the whole parent: from the runner (a test worker holding Playwright,
 * puppeteer, the test server and every result, a few hundred MB) each of
 * the some 650 host processes of a run cost 10 to 25 ms of CPU and as long
 * a stall of the runner's event loop, the loop that serves every engine's
 * test pages and sockets. From a process of some 50 MB it costs about 1 ms.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROGRAM = fileURLToPath(new URL('./spawner-process.ts', import.meta.url));

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last 2,000 characters. */
  stderr: string;
}

export class Spawner {
  readonly #process: ChildProcess;
  readonly #pending = new Map<number, (result: SpawnResult) => void>();
  #nextId = 1;
  #ended: string | null = null;

  /** Starts the spawner; every child it starts gets `env`. */
  constructor(env: NodeJS.ProcessEnv) {
    this.#process = spawn(process.execPath, [PROGRAM], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.#process.on('message', (message: SpawnResult & { id: number }) => {
      const resolve = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      resolve?.({ code: message.code, signal: message.signal, stdout: message.stdout, stderr: message.stderr });
    });
    this.#process.once('exit', (code, signal) => {
      this.#ended = `the spawner ended (${code ?? signal})`;
      for (const resolve of this.#pending.values()) resolve({ code: null, signal: null, stdout: '', stderr: this.#ended });
      this.#pending.clear();
    });
  }

  /** Runs `command` to its end, killed after `killAfterMs`. */
  run(command: string, args: readonly string[], killAfterMs: number): Promise<SpawnResult> {
    if (this.#ended !== null) return Promise.resolve({ code: null, signal: null, stdout: '', stderr: this.#ended });
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#process.send({ id, command, args: [...args], killAfterMs });
    });
  }

  close(): void {
    if (this.#process.connected) this.#process.disconnect();
  }
}
