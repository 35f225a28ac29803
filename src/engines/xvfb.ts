/**
 * An X display for MiniBrowser, which has no headless mode: the one in
 * DISPLAY when there is one, otherwise a private Xvfb on the first free
 * display number (Xvfb picks it itself with -displayfd, so two runs
 * started at once never take the same one), stopped on close.
 */
import { spawn } from 'node:child_process';
import { PATHS } from './catalog.ts';
import { stopProcessGroup, track } from './process.ts';

export interface Display {
  /** ":0", ":99"… */
  name: string;
  /** Stops the Xvfb this module started; does nothing for an existing DISPLAY. */
  close(): Promise<void>;
}

export async function obtainDisplay(timeoutMs = 10_000): Promise<Display> {
  const existing = process.env['DISPLAY'];
  if (existing) return { name: existing, close: async () => {} };
  const xvfb = track(
    spawn(PATHS.xvfb, ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true }),
  );
  let stderr = '';
  xvfb.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const number = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within ${timeoutMs} ms: ${stderr.trim()}`)), timeoutMs);
    let out = '';
    xvfb.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}): ${stderr.trim()}`));
    });
  });
  return {
    name: `:${number}`,
    close: () => stopProcessGroup(xvfb),
  };
}
