/**
 * A small chat: the server broadcasts each message to everyone in the room; three different clients talk.
 *
 * The server (`listen()` from `src/node/`, on 127.0.0.1) has one route,
 * `/chat?name=<name>`. It keeps the open connections in `wss.clients`,
 * announces who joins and leaves, and sends every text message to every
 * member, the sender included, prefixed with the sender's name. A name
 * that is missing or taken is refused before the handshake completes
 * (400 and 409), as a server should refuse what it will not serve.
 *
 * Three people join with three implementations: alice with this project's
 * protocol client, bob with the `ws` package, carol with this project's
 * WebSocket API. The script waits until everyone has received each line
 * before the next one, so the transcript below is the same on every run:
 * the server sends each message to each member in one order, and TCP
 * delivers them in that order.
 *
 * Options:
 *   --port <p>       port of the chat server (default: a free one)
 *
 * Clauses: rfc6455#section-6.1-1, rfc6455#section-6.2-1, rfc6455#section-1.3-5,
 *   rfc6455#section-4.2.2-2.4.2.4, rfc6455#section-7.4.1-2.1, rfc6455#section-7.4.1-2.2,
 *   whatwg#dom-websocket-send, whatwg#handle-a-websocket-message-step-3
 */
import { parseArgs } from 'node:util';
import { WebSocket as WsWebSocket } from 'ws';
import { WebSocket as ApiWebSocket } from '../../src/api/index.ts';
import { connect, listen } from '../../src/node/index.ts';
import type { ServerWebSocket } from '../../src/node/index.ts';
import { watchdog, within } from '../_lib/lifetime.ts';
import { heading, print, table } from '../_lib/text.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
watchdog(30_000);

// ─── The server ───────────────────────────────────────────────────────────

const names = new Map<ServerWebSocket, string>();
const log: string[] = [];

function broadcast(text: string): void {
  log.push(`→ all: ${text}`);
  // A member already closing is skipped: send() then does nothing and returns false.
  for (const [member] of names) member.send(text);
}

const nameOf = (resourceName: string): string | null => new URL(resourceName, 'http://localhost').searchParams.get('name');

const server = await listen({
  port: Number(values.port),
  refuse: (handshake) => {
    const name = nameOf(handshake.resourceName);
    if (name === null || !/^[a-z]{1,16}$/.test(name)) return { status: 400, body: 'Join with /chat?name=<lowercase name>\n' };
    if ([...names.values()].includes(name)) return { status: 409, reason: 'Conflict', body: `${name} is already here\n` };
    return undefined;
  },
  routes: {
    '/chat': (ws, handshake) => {
      const name = nameOf(handshake.resourceName)!;
      names.set(ws, name);
      ws.on('error', () => {});
      broadcast(`* ${name} joined (${names.size} here)`);
      ws.on('message', (data) => {
        if (typeof data === 'string') broadcast(`${name}: ${data}`);
      });
      ws.on('close', (info) => {
        names.delete(ws);
        log.push(`${name} left with ${info.code}`);
        broadcast(`* ${name} left`);
      });
    },
  },
});
server.wss.on('refused', (response) => log.push(`refused: ${response.status} ${response.reason}`));

// ─── Three clients, one interface ─────────────────────────────────────────

interface Member {
  name: string;
  implementation: string;
  received: string[];
  say(text: string): void;
  leave(): Promise<void>;
}

const chatUrl = (name: string) => `${server.url}chat?name=${name}`;

async function viaProtocolClient(name: string): Promise<Member> {
  const ws = connect(chatUrl(name));
  const received: string[] = [];
  ws.on('message', (data) => received.push(String(data)));
  await within(5000, `${name}'s open`, new Promise((resolve) => ws.once('open', resolve)));
  return {
    name,
    implementation: 'protocol client',
    received,
    say: (text) => ws.send(text),
    leave: () => {
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.close(1000, 'bye');
      return within(5000, `${name}'s close`, closed);
    },
  };
}

async function viaWs(name: string): Promise<Member> {
  const ws = new WsWebSocket(chatUrl(name));
  const received: string[] = [];
  ws.on('message', (data: Buffer) => received.push(data.toString('utf8')));
  await within(
    5000,
    `${name}'s open`,
    new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    }),
  );
  return {
    name,
    implementation: 'ws',
    received,
    say: (text) => ws.send(text),
    leave: () => {
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.close(1000, 'bye');
      return within(5000, `${name}'s close`, closed);
    },
  };
}

async function viaApi(name: string): Promise<Member> {
  const ws = new ApiWebSocket(chatUrl(name));
  const received: string[] = [];
  ws.onmessage = (event) => received.push(String((event as MessageEvent).data));
  await within(5000, `${name}'s open`, new Promise((resolve) => (ws.onopen = resolve)));
  return {
    name,
    implementation: 'our WebSocket API',
    received,
    say: (text) => ws.send(text),
    leave: () => {
      const closed = new Promise<void>((resolve) => (ws.onclose = () => resolve()));
      ws.close(1000, 'bye');
      return within(5000, `${name}'s close`, closed);
    },
  };
}

/** Waits until every member in `members` has received `count` messages. */
async function settle(members: readonly Member[], counts: ReadonlyMap<Member, number>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (members.some((member) => member.received.length < (counts.get(member) ?? 0))) {
    if (Date.now() > deadline) throw new Error('a broadcast did not arrive');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// ─── The conversation ─────────────────────────────────────────────────────

const steps: Array<{ step: string; lines: Map<string, string[]> }> = [];
const everyone: Member[] = [];
let present: Member[] = [];

/** Runs one step, waits for its broadcasts, and records what each member received. */
async function step(label: string, action: () => Promise<void> | void, expect: (members: readonly Member[]) => readonly Member[]): Promise<void> {
  const before = new Map(everyone.map((member) => [member, member.received.length]));
  await action();
  const receivers = expect(present);
  await settle(receivers, new Map(receivers.map((member) => [member, (before.get(member) ?? 0) + 1])));
  steps.push({ step: label, lines: new Map(everyone.map((member) => [member.name, member.received.slice(before.get(member) ?? 0)])) });
}

async function join(make: (name: string) => Promise<Member>, name: string): Promise<void> {
  await step(
    `${name} joins`,
    async () => {
      const member = await make(name);
      everyone.push(member);
      present = [...present, member];
    },
    (members) => members,
  );
}

async function leave(name: string): Promise<void> {
  const member = present.find((candidate) => candidate.name === name)!;
  await step(
    `${name} leaves`,
    async () => {
      await member.leave();
      present = present.filter((candidate) => candidate !== member);
    },
    (members) => members,
  );
}

await join(viaProtocolClient, 'alice');
await join(viaWs, 'bob');
await join(viaApi, 'carol');
await step('alice says hi', () => present[0]!.say('hi all'), (members) => members);
await step('bob answers', () => present[1]!.say('hello alice'), (members) => members);
await step('carol: UTF-8', () => present[2]!.say('こんにちは 👋'), (members) => members);
await leave('carol');

// A second "bob" is refused with HTTP 409 before the handshake completes.
let duplicate = '';
try {
  await viaWs('bob');
  duplicate = 'accepted (unexpected)';
} catch (error) {
  duplicate = `ws reports "${(error as Error).message}"`;
}
const refusedLine = log.filter((line) => line.startsWith('refused')).at(-1) ?? '(no refusal logged)';

await leave('alice');
await leave('bob');

print(
  heading(`broadcast: a chat room at ${server.url}chat`),
  table(
    ['step', ...everyone.map((member) => `${member.name} (${member.implementation})`)],
    steps.map(({ step: label, lines }) => [label, ...everyone.map((member) => (lines.get(member.name) ?? []).join('\n') || '·')]),
  ),
);

print(
  heading('The server'),
  [
    `A second bob tried to join: ${duplicate}; the server logged "${refusedLine}".`,
    `Every member left with a Close frame: ${log.filter((line) => / left with /.test(line)).join(', ')}.`,
    `${log.filter((line) => line.startsWith('→')).length} broadcasts, ${[...everyone].reduce((sum, member) => sum + member.received.length, 0)} messages delivered.`,
  ].join('\n'),
);

await server.close();
