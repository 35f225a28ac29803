/**
 * What the project knows about each engine before running it: a reader's
 * name, where its WebSocket lives, where its binary is on this machine
 * (each path overridable by an environment variable) and how to install
 * it. Versions are never written here: each run asks the engine.
 */
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../corpus/sources/paths.ts';
import type { EngineId, EngineMissing } from './types.ts';

export interface EngineDescription {
  id: EngineId;
  label: string;
  /** Where its WebSocket is implemented. */
  source: string;
  kind: 'browser' | 'runtime' | 'in-process';
  /** The binaries it needs, each with the command that installs it. */
  needs: ReadonlyArray<{ path: string; install: string }>;
}

const bin = (name: string): string => join(REPO_ROOT, 'node_modules', '.bin', name);

/** Debian's browsers and WebKitGTK's tools; each path can be overridden. */
export const PATHS = {
  chromium: process.env['WSSPEC_CHROMIUM'] ?? '/usr/bin/chromium',
  firefox: process.env['WSSPEC_FIREFOX'] ?? '/usr/bin/firefox-esr',
  miniBrowser: process.env['WSSPEC_MINIBROWSER'] ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  webKitWebDriver: process.env['WSSPEC_WEBKITWEBDRIVER'] ?? '/usr/bin/WebKitWebDriver',
  xvfb: process.env['WSSPEC_XVFB'] ?? '/usr/bin/Xvfb',
  bun: process.env['WSSPEC_BUN'] ?? bin('bun'),
  deno: process.env['WSSPEC_DENO'] ?? bin('deno'),
} as const;

export const ENGINES: Readonly<Record<EngineId, EngineDescription>> = {
  wsspec: { id: 'wsspec', label: 'wsspec', source: 'src/api/websocket.ts', kind: 'in-process', needs: [] },
  chromium: {
    id: 'chromium',
    label: 'Chromium (Blink)',
    source: 'https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/modules/websockets/dom_websocket.cc',
    kind: 'browser',
    needs: [{ path: PATHS.chromium, install: 'apt-get install -y chromium' }],
  },
  firefox: {
    id: 'firefox',
    label: 'Firefox (Gecko)',
    source: 'https://searchfox.org/mozilla-central/source/dom/websocket/WebSocket.cpp',
    kind: 'browser',
    needs: [{ path: PATHS.firefox, install: 'apt-get install -y firefox-esr' }],
  },
  webkit: {
    id: 'webkit',
    label: 'WebKit (WebKitGTK)',
    source: 'https://github.com/WebKit/WebKit/blob/main/Source/WebCore/Modules/websockets/WebSocket.cpp',
    kind: 'browser',
    needs: [
      { path: PATHS.miniBrowser, install: 'apt-get install -y webkit2gtk-driver' },
      { path: PATHS.webKitWebDriver, install: 'apt-get install -y webkit2gtk-driver' },
      { path: PATHS.xvfb, install: 'apt-get install -y xvfb' },
    ],
  },
  undici: { id: 'undici', label: 'undici (Node.js)', source: 'https://github.com/nodejs/undici/blob/main/lib/web/websocket/websocket.js', kind: 'in-process', needs: [] },
  bun: {
    id: 'bun',
    label: 'Bun',
    source: 'https://github.com/oven-sh/bun/blob/main/src/bun.js/bindings/webcore/WebSocket.cpp',
    kind: 'runtime',
    needs: [{ path: PATHS.bun, install: 'npm ci (the bun dev dependency)' }],
  },
  deno: {
    id: 'deno',
    label: 'Deno',
    source: 'https://github.com/denoland/deno/blob/main/ext/websocket/01_websocket.js',
    kind: 'runtime',
    needs: [{ path: PATHS.deno, install: 'npm ci (the deno dev dependency)' }],
  },
};

/** Why `id` cannot run on this machine, or null when every binary it needs is there. */
export function engineMissing(id: EngineId): EngineMissing | null {
  // Xvfb is only needed when there is no display to draw MiniBrowser's window on.
  const needs = ENGINES[id].needs.filter((need) => !(need.path === PATHS.xvfb && process.env['DISPLAY']));
  for (const need of needs) {
    try {
      accessSync(need.path, constants.X_OK);
    } catch {
      return { id, reason: `${need.path} is missing or not executable`, install: need.install };
    }
  }
  return null;
}

/** Every engine that cannot run here. */
export function missingEngines(ids: readonly EngineId[]): EngineMissing[] {
  return ids.map(engineMissing).filter((missing): missing is EngineMissing => missing !== null);
}
