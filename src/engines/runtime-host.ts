/**
 * Runs inside Bun or Deno (never imported by Node): the runtime side of a
 * RuntimeSession. It reads one JSON request per line on stdin,
 * `{"id":1,"expression":"…"}`, evaluates the expression in the global
 * scope (awaiting a promise), and writes one line per result on stdout,
 * marked so that anything else the runtime prints counts as its console:
 *
 *   \u001eWSSPEC {"id":1,"ok":true,"value":…}
 *
 * It starts with a hello line carrying the runtime's name and version.
 * Only what Bun and Deno both have is used: no Node import.
 */

interface DenoGlobal {
  version: { deno: string };
  stdin: { readable: ReadableStream<Uint8Array> };
}
interface BunGlobal {
  version: string;
  stdin: { stream(): ReadableStream<Uint8Array> };
}

const runtime = globalThis as unknown as { Deno?: DenoGlobal; Bun?: BunGlobal };
const MARK = '\u001eWSSPEC ';

function reply(message: object): void {
  console.log(MARK + JSON.stringify(message));
}

function hello(): { name: string; version: string } {
  if (runtime.Deno !== undefined) return { name: 'deno', version: runtime.Deno.version.deno };
  if (runtime.Bun !== undefined) return { name: 'bun', version: runtime.Bun.version };
  throw new Error('runtime-host.ts runs in Bun or Deno');
}

function input(): ReadableStream<Uint8Array> {
  if (runtime.Deno !== undefined) return runtime.Deno.stdin.readable;
  return runtime.Bun!.stdin.stream();
}

async function evaluate(id: number, expression: string): Promise<void> {
  try {
    const value: unknown = await (0, eval)(expression);
    reply({ id, ok: true, value: value === undefined ? null : value });
  } catch (error) {
    const stack = (error as Error | undefined)?.stack;
    reply({ id, ok: false, error: stack === undefined ? String(error) : `${String(error)}\n${stack}` });
  }
}

reply({ hello: hello() });
const decoder = new TextDecoder();
let buffered = '';
for await (const chunk of input()) {
  buffered += decoder.decode(chunk, { stream: true });
  let newline: number;
  while ((newline = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, newline);
    buffered = buffered.slice(newline + 1);
    if (line.trim() === '') continue;
    const request = JSON.parse(line) as { id: number; expression: string };
    // Requests run concurrently; each answers under its id.
    void evaluate(request.id, request.expression);
  }
}

export {};
