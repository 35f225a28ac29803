/**
 * Shared pieces of the API tests: a scenario server with the behaviours a
 * test needs (src/evidence/server.ts), and a recorder of what a script
 * sees from our WebSocket.
 */
import { WebSocket } from '../../src/api/index.ts';
import type { WebSocketOptions } from '../../src/api/index.ts';
import { startScenarioServer } from '../../src/evidence/server.ts';
import type { ScenarioServer } from '../../src/evidence/server.ts';
import type { Scenario, ServerBehaviour } from '../../src/evidence/scenarios.ts';

/** A server with one route per behaviour: `/s/<name>`. */
export async function serverWith(behaviours: Record<string, ServerBehaviour>): Promise<ScenarioServer & { url(name: string): string }> {
  const catalogue: Scenario[] = Object.entries(behaviours).map(([id, server]) => ({ id, title: id, group: 'handshake', clauses: [], server, script: [], expected: [] }));
  const server = await startScenarioServer(catalogue);
  return { ...server, url: (name: string) => `${server.urls['ws']}/s/${name}` };
}

export interface Seen {
  type: string;
  readyState: number;
  eventClass: string;
  code?: number;
  reason?: string;
  wasClean?: boolean;
  data?: unknown;
  origin?: string;
}

/** Every event our WebSocket dispatches, in order, with the ready state at that moment. */
export function record(ws: WebSocket): Seen[] {
  const seen: Seen[] = [];
  for (const type of ['open', 'message', 'error', 'close']) {
    ws.addEventListener(type, (event) => {
      const entry: Seen = { type, readyState: ws.readyState, eventClass: event.constructor.name };
      if (event instanceof CloseEvent) Object.assign(entry, { code: event.code, reason: event.reason, wasClean: event.wasClean });
      if (event instanceof MessageEvent) Object.assign(entry, { data: event.data, origin: event.origin });
      seen.push(entry);
    });
  }
  return seen;
}

/** Resolves with the close event (rejects after `ms`). */
export function closed(ws: WebSocket, ms = 5000): Promise<CloseEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no close event within ${ms} ms`)), ms);
    ws.addEventListener('close', (event) => {
      clearTimeout(timer);
      resolve(event as CloseEvent);
    });
  });
}

/** Resolves at the next event of this type. */
export function next(ws: WebSocket, type: string, ms = 5000): Promise<Event> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${ms} ms`)), ms);
    ws.addEventListener(
      type,
      (event) => {
        clearTimeout(timer);
        resolve(event);
      },
      { once: true },
    );
  });
}

/** Our WebSocket, with its diagnostics collected. */
export function open(url: string, protocols: string | string[] = [], options: WebSocketOptions = {}): { ws: WebSocket; seen: Seen[]; diagnostics: string[] } {
  const diagnostics: string[] = [];
  const ws = new WebSocket(url, protocols, { onDiagnostic: (message) => diagnostics.push(message), ...options });
  return { ws, seen: record(ws), diagnostics };
}

export const FAILED: Seen[] = [
  { type: 'error', readyState: 3, eventClass: 'Event' },
  { type: 'close', readyState: 3, eventClass: 'CloseEvent', code: 1006, reason: '', wasClean: false },
];
