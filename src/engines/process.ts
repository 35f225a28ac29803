/**
 * Small process and network helpers the launchers share: a free loopback
 * port, waiting for a server to answer, stopping a child and its group.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback port that was free a moment ago (for tools that need a port on their command line). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers (any status), or fails after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child !== undefined && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`${child.spawnfile} exited before ${url} answered`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const running = new Set<ChildProcess>();
let listening = false;

/**
 * Remembers a child (started with `detached: true`) so that its group is
 * killed if this process exits without closing it (a crash, a timeout).
 */
export function track<T extends ChildProcess>(child: T): T {
  if (!listening) {
    listening = true;
    process.once('exit', killAllTracked);
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function killAllTracked(): void {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/**
 * Stops a child started with `detached: true` (its own process group) and
 * everything it started: SIGTERM to the group, SIGKILL after `graceMs`.
 */
export function stopProcessGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return resolve();
    const pid = child.pid;
    const signal = (name: NodeJS.Signals): void => {
      try {
        process.kill(-pid, name);
      } catch {
        // The group is gone already.
      }
    };
    const timer = setTimeout(() => signal('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Children of the group (MiniBrowser's web processes) may outlive their parent by a moment.
      signal('SIGKILL');
      resolve();
    });
    signal('SIGTERM');
  });
}
