/**
 * The opening of every echo script that runs inside an engine (a browser
 * page, or Node for undici and our WebSocket class): a socket whose
 * messages are read in the order they came with `next()`, resolved once
 * open. A script that runs in a page can import nothing, so it receives
 * this function as its first argument: `inPage` writes both as source.
 */

export type OpenEchoSocket = typeof openEchoSocket;

/**
 * Self-contained (it references nothing outside its body but the engine's
 * WebSocket), so that its source runs as it is in any engine. Binary
 * messages arrive as ArrayBuffers; an error event before open rejects.
 */
export async function openEchoSocket(
  url: string,
  protocols?: string[],
  Implementation: typeof WebSocket = WebSocket,
): Promise<{ ws: WebSocket; next: () => Promise<string | ArrayBuffer> }> {
  const ws = protocols === undefined ? new Implementation(url) : new Implementation(url, protocols);
  ws.binaryType = 'arraybuffer';
  const queue: Array<string | ArrayBuffer> = [];
  const waiting: Array<(data: string | ArrayBuffer) => void> = [];
  ws.onmessage = (event) => {
    const resolve = waiting.shift();
    if (resolve) resolve(event.data);
    else queue.push(event.data);
  };
  const next = () => new Promise<string | ArrayBuffer>((resolve) => (queue.length > 0 ? resolve(queue.shift()!) : waiting.push(resolve)));
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('error event'));
  });
  return { ws, next };
}

/**
 * The page expression that calls `script(openEchoSocket, ...args)`: the
 * sources of both and the arguments as JSON, for `evaluate` in any engine.
 */
export function inPage<Args extends unknown[]>(script: (open: OpenEchoSocket, ...args: Args) => unknown, ...args: Args): string {
  return `(${script.toString()})(${openEchoSocket.toString()}, ${args.map((arg) => JSON.stringify(arg)).join(', ')})`;
}
