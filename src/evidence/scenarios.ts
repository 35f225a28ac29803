/**
 * The catalogue of differential scenarios: each a server behaviour (which
 * the scenario server, `server.ts`, implements), a script (which the
 * driver, `driver.ts`, runs in every implementation), and what the
 * standard requires the script (and the server) to observe, each line
 * with the clauses that require it.
 *
 * Expected lines are in the canonical form of `observation.ts`. `*`
 * matches any text where the standard leaves a detail open (the content
 * of the Close frame a client echoes); a line starting with `?` may be
 * absent (what a SHOULD asks for).
 */
import type { ScriptStep } from './driver.ts';
import { describeArrayBuffer, describeBinary, describeBlob, patternBytes } from './format.ts';

export type ScenarioGroup = 'handshake' | 'constructor' | 'server-close' | 'frames' | 'client-close' | 'send' | 'messages';

/** What the server does with the opening handshake, and after it. */
export type ServerBehaviour =
  /** 101: with the correct Sec-WebSocket-Accept unless `accept` is 'wrong'; then the actions; echoes messages unless `echo` is false. */
  | {
      kind: 'accept';
      /** Sec-WebSocket-Protocol of the 101: a fixed value, the first one offered, or none (default). */
      protocol?: string | { firstOffered: true };
      /** Sec-WebSocket-Extensions of the 101. */
      extensions?: string;
      accept?: 'correct' | 'wrong';
      /** Header fields of the 101 left out. */
      omit?: Array<'Upgrade' | 'Connection'>;
      then?: ServerAction[];
      echo?: boolean;
    }
  /** A complete HTTP response other than 101, then the server closes. */
  | { kind: 'refuse'; status: number; reason: string; headers?: Array<[string, string]>; body?: string }
  /** A redirect to `location` (`{ws}`/`{http}` replaced), then the server closes. */
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; reason: string; location: string }
  /** These bytes (Latin-1) instead of an HTTP response, then the server closes. */
  | { kind: 'raw'; response: string }
  /** The server reads the request and closes the TCP connection without a byte. */
  | { kind: 'close-before-response' }
  /** No server at all (the script connects to a closed port or is refused earlier). */
  | { kind: 'none' };

/** What the server does after its 101. */
export type ServerAction =
  | { do: 'send-text'; text: string }
  | { do: 'send-binary'; bytes: number[] }
  /** Raw bytes on the wire (hex), e.g. a frame no server may send. */
  | { do: 'send-raw'; hex: string; what: string }
  | { do: 'ping'; text: string }
  /** Starts the closing handshake: code and reason (none: an empty body). */
  | { do: 'close'; code?: number; reason?: string }
  /** Closes the TCP connection (FIN) without a Close frame. */
  | { do: 'end' }
  /** Resets the TCP connection (RST). */
  | { do: 'reset' }
  | { do: 'sleep'; ms: number };

export interface ExpectedLine {
  /** The canonical line (observation.ts), possibly with `*` and a leading `?`. */
  line: string;
  /** The clauses that require it. */
  clauses: readonly string[];
}

export interface Scenario {
  id: string;
  title: string;
  group: ScenarioGroup;
  /** Every clause the scenario exercises (WHATWG, W3C CR 2012, RFC 6455). */
  clauses: readonly string[];
  server: ServerBehaviour;
  script: readonly ScriptStep[];
  /** What the standard requires: the script's observations, then the server's (`server: …`). */
  expected: readonly ExpectedLine[];
  /** Why the scenario is there, or how to read it. */
  note?: string;
}

// ─── Building blocks ──────────────────────────────────────────────────────

const ORIGIN = 'ws://127.0.0.1:PORT';

/** Clauses of the failure-hiding rule: an error event, then close with 1006, whatever the cause. */
const FAIL_CLAUSES = ['whatwg#closeWebSocket-step-2', 'whatwg#feedback-from-the-protocol-11'] as const;
const CLOSE_1006_CLAUSES = ['whatwg#closeWebSocket-step-3', 'whatwg#feedback-from-the-protocol-13', 'rfc6455#section-7.1.5-1'] as const;

const line = (text: string, ...clauses: string[]): ExpectedLine => ({ line: text, clauses });

export const expectLine = {
  open: (...clauses: string[]): ExpectedLine =>
    line('event open Event readyState=1', 'whatwg#handle-connection-establishment-step-1', 'whatwg#handle-connection-establishment-step-4', ...clauses),
  error: (...clauses: string[]): ExpectedLine => line('event error Event readyState=3', 'whatwg#closeWebSocket-step-1', ...FAIL_CLAUSES, ...clauses),
  close: (code: number | '*', reason: string | '*', wasClean: boolean, ...clauses: string[]): ExpectedLine =>
    line(
      `event close CloseEvent readyState=3 code=${code} reason=${reason === '*' ? '*' : JSON.stringify(reason)} wasClean=${wasClean}`,
      'whatwg#closeWebSocket-step-1',
      'whatwg#closeWebSocket-step-3',
      ...clauses,
    ),
  /** A message event; `data` as the driver records it (a string, or a ⟨…⟩ summary). */
  message: (data: string, ...clauses: string[]): ExpectedLine =>
    line(
      `event message MessageEvent readyState=1 data=${JSON.stringify(data)} lastEventId="" origin="${ORIGIN}" ports="⟨Array length=0⟩" source=null`,
      'whatwg#handle-a-websocket-message-step-3',
      ...clauses,
    ),
  exception: (op: string, name: string, ...clauses: string[]): ExpectedLine => line(`exception ${op} ${name}`, ...clauses),
  value: (attr: string, value: string | number, ...clauses: string[]): ExpectedLine => line(`value ${attr} ${JSON.stringify(value)}`, ...clauses),
  server: (text: string, ...clauses: string[]): ExpectedLine => line(`server: ${text}`, ...clauses),
  /** A line that may be absent (what the standard only recommends). */
  optional: (expected: ExpectedLine): ExpectedLine => ({ ...expected, line: `?${expected.line}` }),
};

/** The connection failed: error, then close 1006, not clean, no reason. */
function failed(...clauses: string[]): ExpectedLine[] {
  return [expectLine.error(...clauses), expectLine.close(1006, '', false, ...CLOSE_1006_CLAUSES, ...clauses)];
}

const request = (id: string, protocols?: string): ExpectedLine =>
  expectLine.server(`request /s/${id}${protocols === undefined ? '' : ` protocols=${protocols}`}`, 'rfc6455#section-4.1-5');

/** Connect to the scenario's own route and wait for the close event. */
const connectAndWait = (id: string, protocols?: string | string[]): ScriptStep[] => [
  { op: 'construct', url: `{ws}/s/${id}`, ...(protocols !== undefined && { protocols }) },
  { op: 'wait', event: 'close' },
];

/** Connect, wait for open, then the given steps, then close() and wait for the close event. */
const whenOpen = (id: string, steps: ScriptStep[], after: ScriptStep[] = [{ op: 'close' }, { op: 'wait', event: 'close' }]): ScriptStep[] => [
  { op: 'construct', url: `{ws}/s/${id}` },
  { op: 'wait', event: 'open' },
  ...steps,
  ...after,
];

/** The client's close() without arguments, answered by the echoing server: 1005, clean. */
const closedByClient = (): ExpectedLine[] => [expectLine.close(1005, '', true, 'whatwg#dom-websocket-close-step-3-2.3-3', 'rfc6455#section-7.1.5-1')];
const clientCloseFrame = (): ExpectedLine => expectLine.server('close (empty body)', 'whatwg#dom-websocket-close-step-3-2.3-3');

/** Refusal scenarios share everything but the response. */
function refusal(status: number, reason: string, extra: { headers?: Array<[string, string]>; body?: string; clauses?: string[]; title?: string } = {}): Scenario {
  const id = `refuse-${status}`;
  const clauses = [
    'whatwg#concept-websocket-establish-step-11.1',
    'whatwg#feedback-from-the-protocol-12.5',
    'w3c#dom-websocket-step-8-2',
    'w3c#feedback-from-the-protocol-12',
    'rfc6455#section-4.1-8.1',
    ...(extra.clauses ?? []),
  ];
  return {
    id,
    title: extra.title ?? `The server refuses the handshake with ${status} ${reason}`,
    group: 'handshake',
    clauses,
    server: {
      kind: 'refuse',
      status,
      reason,
      ...(extra.headers !== undefined && { headers: extra.headers }),
      body: extra.body ?? `${reason}: this body is for HTTP clients; no WebSocket script can read it.\n`,
    },
    script: connectAndWait(id),
    expected: [...failed('whatwg#concept-websocket-establish-step-11.1', 'w3c#dom-websocket-step-8-2'), request(id)],
    note: 'RFC 6455 asks the server to explain a refusal with an HTTP status; the API requires the browser to fail the connection and tell the script nothing: error, then close 1006, the same for every status.',
  };
}

function redirect(status: 301 | 302 | 307 | 308, reason: string, location: string): Scenario {
  const id = `redirect-${status}`;
  return {
    id,
    title: `The server redirects with ${status} ${reason} to a working WebSocket URL`,
    group: 'handshake',
    clauses: [
      'whatwg#concept-websocket-establish-step-2',
      'whatwg#concept-websocket-establish-step-11.1',
      'whatwg#websocket-opening-handshake-4',
      'w3c#dom-websocket-step-8-2',
      'w3c#dom-websocket-step-8-3',
      'rfc6455#section-4.2.2-2.3',
      'rfc6455#section-4.1-8.1',
    ],
    server: { kind: 'redirect', status, reason, location },
    script: connectAndWait(id),
    // The target route, /target, accepts and echoes: a request for it would mean the redirect was followed.
    expected: [...failed('whatwg#concept-websocket-establish-step-2', 'w3c#dom-websocket-step-8-2'), request(id)],
    note: 'The request\'s redirect mode is "error": a redirect is a network error, so the connection fails without a request to the Location.',
  };
}

/** Bytes of a frame from the server (unmasked unless a mask is given). */
function frameHex(opcode: number, payload: Uint8Array, mask?: readonly number[]): string {
  const head = [0x80 | opcode, (mask === undefined ? 0 : 0x80) | payload.length];
  const body = mask === undefined ? Array.from(payload) : [...mask, ...Array.from(payload, (byte, i) => byte ^ mask[i % 4]!)];
  return [...head, ...body].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const FOUR_MIB = 4 * 1024 * 1024;

// ─── The catalogue ────────────────────────────────────────────────────────

export const SCENARIOS: readonly Scenario[] = [
  // ── The opening handshake ──
  {
    id: 'open-101',
    title: 'The server accepts with 101; the script reads every attribute, then closes without arguments',
    group: 'handshake',
    clauses: [
      'whatwg#websocket-ready-state',
      'whatwg#dom-websocket-url',
      'whatwg#dom-websocket-protocol',
      'whatwg#dom-websocket-extensions',
      'whatwg#websocket-binary-type',
      'whatwg#dom-websocket-bufferedamount',
      'whatwg#feedback-from-the-protocol-1',
      'whatwg#dom-websocket-close-step-3-2.3-3',
      'rfc6455#section-4.1-11',
    ],
    server: { kind: 'accept' },
    script: [
      { op: 'construct', url: '{ws}/s/open-101' },
      { op: 'read', attr: 'readyState' },
      { op: 'read', attr: 'url' },
      { op: 'read', attr: 'protocol' },
      { op: 'read', attr: 'extensions' },
      { op: 'read', attr: 'binaryType' },
      { op: 'read', attr: 'bufferedAmount' },
      { op: 'wait', event: 'open' },
      { op: 'read', attr: 'readyState' },
      { op: 'read', attr: 'protocol' },
      { op: 'read', attr: 'extensions' },
      { op: 'close' },
      { op: 'read', attr: 'readyState' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.value('readyState', 0, 'whatwg#websocket-ready-state'),
      expectLine.value('url', 'ws://127.0.0.1:PORT/s/open-101', 'whatwg#dom-websocket-url'),
      expectLine.value('protocol', '', 'whatwg#dom-websocket-protocol'),
      expectLine.value('extensions', '', 'whatwg#dom-websocket-extensions'),
      expectLine.value('binaryType', 'blob', 'whatwg#websocket-binary-type'),
      expectLine.value('bufferedAmount', 0, 'whatwg#dom-websocket-bufferedamount'),
      expectLine.open('whatwg#feedback-from-the-protocol-1'),
      expectLine.value('readyState', 1, 'whatwg#handle-connection-establishment-step-1'),
      expectLine.value('protocol', '', 'whatwg#handle-connection-establishment-step-3'),
      expectLine.value('extensions', '', 'whatwg#handle-connection-establishment-step-2'),
      expectLine.value('readyState', 2, 'whatwg#dom-websocket-close-step-3-2.3-2'),
      ...closedByClient(),
      request('open-101'),
      clientCloseFrame(),
    ],
  },
  refusal(400, 'Bad Request', { clauses: ['rfc6455#section-4.2.1-2'] }),
  refusal(401, 'Unauthorized', {
    headers: [['WWW-Authenticate', 'Basic realm="wsspec"']],
    clauses: ['rfc6455#section-4.2.2-2.2'],
    title: 'The server asks for authentication: 401 Unauthorized with WWW-Authenticate',
  }),
  refusal(403, 'Forbidden', { clauses: ['rfc6455#section-10.2-1'], body: 'Forbidden: origin not allowed\n' }),
  refusal(404, 'Not Found', { clauses: ['rfc6455#section-4.2.2-2.4.2.4'] }),
  refusal(426, 'Upgrade Required', {
    headers: [
      ['Upgrade', 'websocket'],
      ['Sec-WebSocket-Version', '13'],
    ],
    clauses: ['rfc6455#section-4.2.2-2.4.2.3'],
  }),
  refusal(500, 'Internal Server Error'),
  refusal(503, 'Service Unavailable', { headers: [['Retry-After', '120']] }),
  refusal(200, 'OK', {
    headers: [['Content-Type', 'text/html']],
    body: '<!doctype html><title>Not a WebSocket server</title>\n',
    title: 'The server is not a WebSocket server: 200 OK with an HTML page',
  }),
  redirect(301, 'Moved Permanently', '{ws}/target'),
  redirect(302, 'Found', '{http}/target'),
  redirect(307, 'Temporary Redirect', '{ws}/target'),
  redirect(308, 'Permanent Redirect', '{ws}/target'),
  {
    id: 'tcp-close-before-response',
    title: 'The server reads the request and closes the TCP connection without answering',
    group: 'handshake',
    clauses: ['whatwg#feedback-from-the-protocol-12.5', 'whatwg#concept-websocket-establish-step-11.1', 'rfc6455#section-4.1-7'],
    server: { kind: 'close-before-response' },
    script: connectAndWait('tcp-close-before-response'),
    expected: [...failed('whatwg#concept-websocket-establish-step-11.1'), request('tcp-close-before-response')],
  },
  {
    id: 'garbage-response',
    title: 'The server answers with something that is not HTTP (an SSH banner)',
    group: 'handshake',
    clauses: ['whatwg#feedback-from-the-protocol-12.5', 'whatwg#concept-websocket-establish-step-11.1', 'rfc6455#section-4.1-7'],
    server: { kind: 'raw', response: 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n' },
    script: connectAndWait('garbage-response'),
    expected: [...failed('whatwg#concept-websocket-establish-step-11.1'), request('garbage-response')],
  },
  {
    id: 'missing-upgrade',
    title: 'The server answers 101 without the Upgrade header field',
    group: 'handshake',
    clauses: ['whatwg#concept-websocket-establish-step-11.3', 'rfc6455#section-4.1-8.2', 'rfc6455#section-4.1-9'],
    server: { kind: 'accept', omit: ['Upgrade'] },
    script: connectAndWait('missing-upgrade'),
    expected: [...failed('whatwg#concept-websocket-establish-step-11.3', 'rfc6455#section-4.1-8.2'), request('missing-upgrade')],
  },
  {
    id: 'wrong-accept',
    title: 'The server answers 101 with a wrong Sec-WebSocket-Accept',
    group: 'handshake',
    clauses: ['whatwg#concept-websocket-establish-step-11.3', 'whatwg#feedback-from-the-protocol-12.5', 'rfc6455#section-4.1-8.4'],
    server: { kind: 'accept', accept: 'wrong' },
    script: connectAndWait('wrong-accept'),
    expected: [...failed('whatwg#concept-websocket-establish-step-11.3', 'rfc6455#section-4.1-8.4'), request('wrong-accept')],
  },
  {
    id: 'subprotocol-not-offered',
    title: 'The server selects a subprotocol the client did not offer',
    group: 'handshake',
    clauses: ['whatwg#concept-websocket-establish-step-11.3', 'whatwg#feedback-from-the-protocol-12.6', 'rfc6455#section-4.1-8.6'],
    server: { kind: 'accept', protocol: 'chat' },
    script: connectAndWait('subprotocol-not-offered'),
    expected: [...failed('whatwg#feedback-from-the-protocol-12.6', 'rfc6455#section-4.1-8.6'), request('subprotocol-not-offered')],
  },
  {
    id: 'subprotocol-not-selected',
    title: 'The client offers a subprotocol; the server answers 101 without selecting one',
    group: 'handshake',
    clauses: ['whatwg#concept-websocket-establish-step-11.2', 'whatwg#concept-websocket-establish-step-11.2-2', 'whatwg#feedback-from-the-protocol-12.6'],
    server: { kind: 'accept' },
    script: connectAndWait('subprotocol-not-selected', ['chat']),
    expected: [...failed('whatwg#concept-websocket-establish-step-11.2'), request('subprotocol-not-selected', 'chat')],
    note: 'A rule of the WHATWG standard that the 2012 CR did not have: there, the connection opened with protocol "".',
  },
  {
    id: 'subprotocol-selected',
    title: 'The client offers two subprotocols; the server selects the second',
    group: 'handshake',
    clauses: ['whatwg#concept-websocket-establish-step-8', 'whatwg#handle-connection-establishment-step-3', 'rfc6455#section-4.1-6.10', 'rfc6455#section-4.2.2-2.4.2.5'],
    server: { kind: 'accept', protocol: 'superchat' },
    script: [
      { op: 'construct', url: '{ws}/s/subprotocol-selected', protocols: ['chat', 'superchat'] },
      { op: 'wait', event: 'open' },
      { op: 'read', attr: 'protocol' },
      { op: 'close', code: 1000 },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.open(),
      expectLine.value('protocol', 'superchat', 'whatwg#handle-connection-establishment-step-3'),
      expectLine.close(1000, '', true, 'whatwg#dom-websocket-close-step-3-2.3-5'),
      request('subprotocol-selected', 'chat, superchat'),
      expectLine.server('close 1000 ""', 'whatwg#dom-websocket-close-step-3-2.3-5'),
    ],
  },
  {
    id: 'subprotocol-string',
    title: 'The protocols argument is a string, not a list',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-websocket-step-8', 'whatwg#interface-definition-7.1-4'],
    server: { kind: 'accept', protocol: { firstOffered: true } },
    script: [
      { op: 'construct', url: '{ws}/s/subprotocol-string', protocols: 'chat' },
      { op: 'wait', event: 'open' },
      { op: 'read', attr: 'protocol' },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.open(),
      expectLine.value('protocol', 'chat', 'whatwg#dom-websocket-websocket-step-8'),
      ...closedByClient(),
      request('subprotocol-string', 'chat'),
      clientCloseFrame(),
    ],
  },
  {
    id: 'extension-not-offered',
    title: 'The server answers 101 with an extension the client did not offer',
    group: 'handshake',
    clauses: ['whatwg#concept-websocket-establish-step-11.3', 'whatwg#feedback-from-the-protocol-12.6', 'rfc6455#section-4.1-8.5'],
    server: { kind: 'accept', extensions: 'x-wsspec-unknown' },
    script: connectAndWait('extension-not-offered'),
    expected: [...failed('whatwg#feedback-from-the-protocol-12.6', 'rfc6455#section-4.1-8.5'), request('extension-not-offered')],
  },
  {
    id: 'connection-refused',
    title: 'Nothing listens on the port: the TCP connection is refused',
    group: 'handshake',
    clauses: ['whatwg#feedback-from-the-protocol-12.3', 'w3c#feedback-from-the-protocol-13.3', 'rfc6455#section-4.1-4.4'],
    server: { kind: 'none' },
    script: [
      { op: 'construct', url: '{closed}/' },
      { op: 'wait', event: 'close' },
    ],
    expected: failed('whatwg#feedback-from-the-protocol-12.3', 'rfc6455#section-4.1-4.4'),
  },
  {
    id: 'bad-port',
    title: 'The URL names port 25 (SMTP), one of Fetch\'s "bad ports"',
    group: 'handshake',
    clauses: ['whatwg#concept-websocket-establish-step-11', 'whatwg#concept-websocket-establish-step-11.1', 'w3c#dom-websocket-step-3'],
    server: { kind: 'none' },
    script: [
      { op: 'construct', url: 'ws://127.0.0.1:25/' },
      { op: 'wait', event: 'close' },
    ],
    expected: failed('whatwg#concept-websocket-establish-step-11.1'),
    note: 'The handshake is a Fetch request, and Fetch answers a request to a bad port with a network error: the connection fails, with no exception. The 2012 CR threw a SecurityError from the constructor instead (step 3).',
  },
  {
    id: 'https-scheme',
    title: 'An https: URL becomes wss: and connects with TLS (to a server that speaks none)',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-websocket-step-5', 'whatwg#feedback-from-the-protocol-12.4', 'rfc6455#section-4.1-4.5.1', 'w3c#parse-a-websocket-url-s-components-step-3'],
    server: { kind: 'accept' },
    script: [
      { op: 'construct', url: '{https}/s/https-scheme' },
      { op: 'read', attr: 'url' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.value('url', 'wss://127.0.0.1:PORT/s/https-scheme', 'whatwg#dom-websocket-websocket-step-5'),
      ...failed('whatwg#feedback-from-the-protocol-12.4'),
      expectLine.server('tls client hello', 'rfc6455#section-4.1-4.5.1'),
      // Some clients try the TLS handshake a second time (another protocol version) before failing.
      expectLine.optional(expectLine.server('tls client hello', 'rfc6455#section-4.1-4.5.1')),
    ],
    note: 'Since 2023 the standard maps https: to wss:. The 2012 CR threw a SyntaxError for any scheme but ws and wss.',
  },
  {
    id: 'http-scheme',
    title: 'An http: URL becomes ws: and connects',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-websocket-step-4', 'whatwg#interface-definition-7.1-3', 'w3c#parse-a-websocket-url-s-components-step-3'],
    server: { kind: 'accept' },
    script: [
      { op: 'construct', url: '{http}/s/http-scheme' },
      { op: 'read', attr: 'url' },
      { op: 'wait', event: 'open' },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.value('url', 'ws://127.0.0.1:PORT/s/http-scheme', 'whatwg#dom-websocket-websocket-step-4'),
      expectLine.open(),
      ...closedByClient(),
      request('http-scheme'),
      clientCloseFrame(),
    ],
    note: 'Since 2023 the standard maps http: to ws:. The 2012 CR threw a SyntaxError.',
  },

  // ── The constructor's argument checks ──
  {
    id: 'construct-fragment',
    title: 'A URL with a fragment, even an empty one, throws a SyntaxError',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-websocket-step-7', 'whatwg#interface-definition-7.1-3', 'w3c#parse-a-websocket-url-s-components-step-4', 'rfc6455#section-3-7'],
    server: { kind: 'none' },
    script: [
      { op: 'construct', url: '{ws}/s/construct-fragment#frag' },
      { op: 'construct', url: '{ws}/s/construct-fragment#' },
    ],
    expected: [
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-7'),
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-7'),
    ],
  },
  {
    id: 'construct-invalid-scheme',
    title: 'A URL whose scheme is not ws, wss, http or https throws a SyntaxError',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-websocket-step-6', 'whatwg#interface-definition-7.1-3'],
    server: { kind: 'none' },
    script: [
      { op: 'construct', url: 'ftp://127.0.0.1/' },
      { op: 'construct', url: 'data:text/plain,hello' },
    ],
    expected: [
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-6'),
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-6'),
    ],
  },
  {
    id: 'construct-invalid-url',
    title: 'A string the URL parser rejects throws a SyntaxError',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-websocket-step-2', 'whatwg#dom-websocket-websocket-step-3'],
    server: { kind: 'none' },
    script: [
      { op: 'construct', url: 'ws://[::1' },
      { op: 'construct', url: 'ws://exa mple.org/' },
    ],
    expected: [
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-3'),
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-3'),
    ],
  },
  {
    id: 'construct-duplicate-protocols',
    title: 'The same subprotocol twice throws a SyntaxError',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-websocket-step-9', 'w3c#dom-websocket-step-5', 'rfc6455#section-4.1-6.10'],
    server: { kind: 'none' },
    script: [{ op: 'construct', url: '{ws}/s/construct-duplicate-protocols', protocols: ['chat', 'chat'] }],
    expected: [expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-9')],
  },
  {
    id: 'construct-protocols-differing-in-case',
    title: 'Two subprotocols that differ only in case are two subprotocols',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-websocket-step-9', 'rfc6455#section-4.1-6.10'],
    server: { kind: 'accept', protocol: { firstOffered: true } },
    script: [
      { op: 'construct', url: '{ws}/s/construct-protocols-differing-in-case', protocols: ['chat', 'Chat'] },
      { op: 'wait', event: 'open' },
      { op: 'read', attr: 'protocol' },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.open(),
      expectLine.value('protocol', 'chat', 'whatwg#handle-connection-establishment-step-3'),
      ...closedByClient(),
      request('construct-protocols-differing-in-case', 'chat, Chat'),
      clientCloseFrame(),
    ],
    note: '"Occur more than once" compares strings as they are. A web-platform-test (Create-protocols-repeated-case-insensitive) expects a SyntaxError; the standard has no such rule and no browser passes it (whatwg/websockets#47).',
  },
  {
    id: 'construct-invalid-protocols',
    title: 'Subprotocols that are not tokens (empty, a space, a comma, non-ASCII) throw a SyntaxError',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-websocket-step-9', 'rfc6455#section-4.1-6.10'],
    server: { kind: 'none' },
    script: [
      { op: 'construct', url: '{ws}/s/construct-invalid-protocols', protocols: [''] },
      { op: 'construct', url: '{ws}/s/construct-invalid-protocols', protocols: ['a b'] },
      { op: 'construct', url: '{ws}/s/construct-invalid-protocols', protocols: ['chat,superchat'] },
      { op: 'construct', url: '{ws}/s/construct-invalid-protocols', protocols: ['é'] },
    ],
    expected: [
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-9'),
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-9'),
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-9'),
      expectLine.exception('construct', 'SyntaxError', 'whatwg#dom-websocket-websocket-step-9'),
    ],
  },
  {
    id: 'url-serialization',
    title: 'The url attribute is the parsed URL, serialized (dot segments resolved)',
    group: 'constructor',
    clauses: ['whatwg#dom-websocket-url', 'whatwg#dom-websocket-websocket-step-10', 'whatwg#concept-websocket-connection-obtain-step-3', 'whatwg#concept-websocket-connection-obtain-step-4'],
    server: { kind: 'accept' },
    script: [
      { op: 'construct', url: '{ws}/s/x/../url-serialization?a=1&b=%7e' },
      { op: 'read', attr: 'url' },
      { op: 'wait', event: 'open' },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.value('url', 'ws://127.0.0.1:PORT/s/url-serialization?a=1&b=%7e', 'whatwg#dom-websocket-url'),
      expectLine.open(),
      ...closedByClient(),
      request('url-serialization'),
      clientCloseFrame(),
    ],
  },

  // ── The server closes ──
  ...(
    [
      [1000, '', 'server-close-1000', 'The server closes with 1000 (normal closure)'],
      [1001, '', 'server-close-1001', 'The server closes with 1001 (going away)'],
      [4000, 'done: さようなら', 'server-close-4000-reason', 'The server closes with 4000 and a UTF-8 reason'],
    ] as const
  ).map(
    ([code, reason, id, title]): Scenario => ({
      id,
      title,
      group: 'server-close',
      clauses: ['whatwg#closeWebSocket-step-3', 'whatwg#feedback-from-the-protocol-8', 'rfc6455#section-5.5.1-5', 'rfc6455#section-7.1.5-1', 'rfc6455#section-7.1.6-1'],
      server: { kind: 'accept', then: [{ do: 'close', code, reason }] },
      script: [
        { op: 'construct', url: `{ws}/s/${id}` },
        { op: 'wait', event: 'close' },
      ],
      expected: [
        expectLine.open(),
        expectLine.close(code, reason, true, 'rfc6455#section-7.1.5-1', 'rfc6455#section-7.1.6-1', 'rfc6455#section-7.1.4-1'),
        request(id),
        expectLine.server('close *', 'rfc6455#section-5.5.1-5'),
      ],
    }),
  ),
  {
    id: 'server-close-empty',
    title: 'The server closes with an empty Close frame (no status code)',
    group: 'server-close',
    clauses: ['whatwg#closeWebSocket-step-3', 'rfc6455#section-7.1.5-1', 'rfc6455#section-5.5.1-5'],
    server: { kind: 'accept', then: [{ do: 'close' }] },
    script: connectAndWait('server-close-empty'),
    expected: [expectLine.open(), expectLine.close(1005, '', true, 'rfc6455#section-7.1.5-1'), request('server-close-empty'), expectLine.server('close *', 'rfc6455#section-5.5.1-5')],
  },
  {
    id: 'server-drop',
    title: 'The server closes the TCP connection after the handshake, without a Close frame',
    group: 'server-close',
    clauses: ['rfc6455#section-7.2.1-2', 'whatwg#feedback-from-the-protocol-12.7', 'whatwg#closeWebSocket-step-2', 'whatwg#closeWebSocket-step-3', 'rfc6455#section-7.1.5-1'],
    server: { kind: 'accept', then: [{ do: 'sleep', ms: 50 }, { do: 'end' }] },
    script: connectAndWait('server-drop'),
    expected: [
      expectLine.open(),
      ...failed('rfc6455#section-7.2.1-2', 'whatwg#feedback-from-the-protocol-12.7'),
      request('server-drop'),
      expectLine.optional(expectLine.server('close *', 'rfc6455#section-7.1.7-2')),
    ],
    note: 'The transport was lost without a closing handshake: RFC 6455 §7.2.1 ¶2 says the client MUST fail the connection, and the API then fires error before close (code 1006, the code §7.1.5 gives when "the underlying transport connection is lost"). A FIN is as unexpected as an RST here: the server never started a closing handshake. The engines split (see the runs).',
  },
  {
    id: 'server-reset',
    title: 'The server resets the TCP connection after the handshake',
    group: 'server-close',
    clauses: ['rfc6455#section-7.2.1-2', 'whatwg#feedback-from-the-protocol-12.7', 'whatwg#closeWebSocket-step-2', 'whatwg#closeWebSocket-step-3', 'rfc6455#section-7.1.5-1'],
    server: { kind: 'accept', then: [{ do: 'sleep', ms: 50 }, { do: 'reset' }] },
    script: connectAndWait('server-reset'),
    expected: [expectLine.open(), ...failed('rfc6455#section-7.2.1-2', 'whatwg#feedback-from-the-protocol-12.7'), request('server-reset')],
    note: 'An RST after the handshake: the transport is lost (RFC 6455 §7.2.1 ¶2), so the connection fails: error, then close 1006.',
  },

  // ── Frames a client must refuse ──
  // (The server waits 50 ms after its 101 in these and in server-drop/server-reset, so that every
  // engine has dispatched open: what is tested is a failure after open, not a race with it.)
  {
    id: 'invalid-utf8',
    title: 'The server sends a text message that is not valid UTF-8',
    group: 'frames',
    clauses: ['rfc6455#section-8.1-1', 'rfc6455#section-5.6-3.1', 'whatwg#closeWebSocket-step-2', 'rfc6455#section-7.1.7-2'],
    server: { kind: 'accept', then: [{ do: 'sleep', ms: 50 }, { do: 'send-raw', hex: frameHex(0x1, new Uint8Array([0x68, 0xc3, 0x28])), what: 'a text frame with the bytes 68 c3 28' }] },
    script: connectAndWait('invalid-utf8'),
    expected: [
      expectLine.open(),
      ...failed('rfc6455#section-8.1-1'),
      request('invalid-utf8'),
      // §7.1.7 asks for "an appropriate status code": 1007 is the most specific, 1002 (protocol error) is appropriate too.
      expectLine.optional(expectLine.server('close *', 'rfc6455#section-7.1.7-2', 'rfc6455#section-7.4.1-2.8')),
    ],
    note: 'RFC 6455 §7.1.7 asks for a Close frame with "an appropriate status code" (a SHOULD) and §7.4.1 lists codes endpoints MAY use: 1007 is the specific one for invalid UTF-8, 1002 (protocol error) conforms as well.',
  },
  {
    id: 'masked-frame',
    title: 'The server sends a masked frame',
    group: 'frames',
    clauses: ['rfc6455#section-5.1-1', 'whatwg#closeWebSocket-step-2', 'rfc6455#section-7.1.7-2'],
    server: { kind: 'accept', then: [{ do: 'sleep', ms: 50 }, { do: 'send-raw', hex: frameHex(0x1, utf8('masked'), [1, 2, 3, 4]), what: 'a masked text frame "masked"' }] },
    script: connectAndWait('masked-frame'),
    expected: [expectLine.open(), ...failed('rfc6455#section-5.1-1'), request('masked-frame'), expectLine.optional(expectLine.server('close 1002 *', 'rfc6455#section-7.1.7-2'))],
  },
  {
    id: 'reserved-opcode',
    title: 'The server sends a frame with a reserved opcode (0x3)',
    group: 'frames',
    clauses: ['rfc6455#section-5.2-3.3.1', 'whatwg#closeWebSocket-step-2', 'rfc6455#section-7.1.7-2'],
    server: { kind: 'accept', then: [{ do: 'sleep', ms: 50 }, { do: 'send-raw', hex: frameHex(0x3, utf8('?')), what: 'a frame with opcode 0x3' }] },
    script: connectAndWait('reserved-opcode'),
    expected: [expectLine.open(), ...failed('rfc6455#section-5.2-3.3.1'), request('reserved-opcode'), expectLine.optional(expectLine.server('close 1002 *', 'rfc6455#section-7.1.7-2'))],
  },
  {
    id: 'server-ping',
    title: 'The server pings, then sends a message: the ping is answered and never seen by the script',
    group: 'frames',
    clauses: ['whatwg#ping-and-pong-frames-1', 'rfc6455#section-5.5.2-3', 'rfc6455#section-5.5.3-3'],
    server: {
      kind: 'accept',
      then: [
        { do: 'ping', text: 'are you there?' },
        { do: 'sleep', ms: 50 },
        { do: 'send-text', text: 'after the ping' },
      ],
    },
    script: [
      { op: 'construct', url: '{ws}/s/server-ping' },
      { op: 'wait', event: 'message' },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.open(),
      expectLine.message('after the ping', 'whatwg#ping-and-pong-frames-1'),
      ...closedByClient(),
      request('server-ping'),
      expectLine.server('pong "are you there?"', 'rfc6455#section-5.5.2-3', 'rfc6455#section-5.5.3-3'),
      clientCloseFrame(),
    ],
  },

  // ── The client closes ──
  {
    id: 'client-close-1000-reason',
    title: 'close(1000, "bye")',
    group: 'client-close',
    clauses: ['whatwg#dom-websocket-close-step-3-2.3-5', 'whatwg#dom-websocket-close-step-3-2.3-6', 'whatwg#dom-websocket-close-step-3-2.3-2'],
    server: { kind: 'accept' },
    script: whenOpen('client-close-1000-reason', [], [{ op: 'close', code: 1000, reason: 'bye' }, { op: 'read', attr: 'readyState' }, { op: 'wait', event: 'close' }]),
    expected: [
      expectLine.open(),
      expectLine.value('readyState', 2, 'whatwg#dom-websocket-close-step-3-2.3-2'),
      expectLine.close(1000, 'bye', true, 'rfc6455#section-7.1.5-1'),
      request('client-close-1000-reason'),
      expectLine.server('close 1000 "bye"', 'whatwg#dom-websocket-close-step-3-2.3-5', 'whatwg#dom-websocket-close-step-3-2.3-6'),
    ],
  },
  {
    id: 'client-close-3000',
    title: 'close(3000), the lowest code a script may send after 1000',
    group: 'client-close',
    clauses: ['whatwg#dom-websocket-close-step-1', 'whatwg#dom-websocket-close-step-3-2.3-5'],
    server: { kind: 'accept' },
    script: whenOpen('client-close-3000', [], [{ op: 'close', code: 3000 }, { op: 'wait', event: 'close' }]),
    expected: [expectLine.open(), expectLine.close(3000, '', true), request('client-close-3000'), expectLine.server('close 3000 ""', 'whatwg#dom-websocket-close-step-3-2.3-5')],
  },
  {
    id: 'client-close-4999-reason',
    title: 'close(4999, "last"), the highest code a script may send',
    group: 'client-close',
    clauses: ['whatwg#dom-websocket-close-step-1', 'whatwg#dom-websocket-close-step-3-2.3-5', 'whatwg#dom-websocket-close-step-3-2.3-6'],
    server: { kind: 'accept' },
    script: whenOpen('client-close-4999-reason', [], [{ op: 'close', code: 4999, reason: 'last' }, { op: 'wait', event: 'close' }]),
    expected: [
      expectLine.open(),
      expectLine.close(4999, 'last', true),
      request('client-close-4999-reason'),
      expectLine.server('close 4999 "last"', 'whatwg#dom-websocket-close-step-3-2.3-5', 'whatwg#dom-websocket-close-step-3-2.3-6'),
    ],
  },
  {
    id: 'client-close-invalid-codes',
    title: 'close() with 999, 1001, 1005, 2999, 5000, 0 and NaN throws InvalidAccessError; the connection stays open',
    group: 'client-close',
    clauses: ['whatwg#dom-websocket-close-step-1', 'w3c#dom-websocket-close-step-1', 'rfc6455#section-7.4.2-1.1', 'rfc6455#section-7.4.2-1.2'],
    server: { kind: 'accept' },
    script: whenOpen(
      'client-close-invalid-codes',
      [
        { op: 'close', code: 999 },
        { op: 'close', code: 1001 },
        { op: 'close', code: 1005 },
        { op: 'close', code: 2999 },
        { op: 'close', code: 5000 },
        { op: 'close', code: 0 },
        { op: 'close', code: 'NaN' },
        { op: 'read', attr: 'readyState' },
      ],
      [{ op: 'close', code: 1000 }, { op: 'wait', event: 'close' }],
    ),
    expected: [
      expectLine.open(),
      ...[999, 1001, 1005, 2999, 5000, 0].map(() => expectLine.exception('close', 'InvalidAccessError', 'whatwg#dom-websocket-close-step-1')),
      expectLine.exception('close', 'InvalidAccessError', 'whatwg#dom-websocket-close-step-1'),
      expectLine.value('readyState', 1, 'whatwg#dom-websocket-close-step-1', 'whatwg#handle-connection-establishment-step-1'),
      expectLine.close(1000, '', true),
      request('client-close-invalid-codes'),
      expectLine.server('close 1000 ""', 'whatwg#dom-websocket-close-step-3-2.3-5'),
    ],
    note: 'close(NaN): [Clamp] turns NaN into 0, which is not allowed.',
  },
  {
    id: 'client-close-clamped-code',
    title: 'close(3001.2): [Clamp] rounds the code to 3001',
    group: 'client-close',
    clauses: ['whatwg#interface-definition-2', 'whatwg#dom-websocket-close-step-3-2.3-5'],
    server: { kind: 'accept' },
    script: whenOpen('client-close-clamped-code', [], [{ op: 'close', code: 3001.2, reason: 'clamp' }, { op: 'wait', event: 'close' }]),
    expected: [
      expectLine.open(),
      expectLine.close(3001, 'clamp', true),
      request('client-close-clamped-code'),
      expectLine.server('close 3001 "clamp"', 'whatwg#dom-websocket-close-step-3-2.3-5', 'whatwg#interface-definition-2'),
    ],
    note: 'The IDL says "[Clamp] unsigned short code": Web IDL rounds to the nearest integer (ties to even) before the method\'s steps see it.',
  },
  {
    id: 'client-close-reason-too-long',
    title: 'A close reason over 123 bytes of UTF-8 throws a SyntaxError; 123 bytes are accepted',
    group: 'client-close',
    clauses: ['whatwg#dom-websocket-close-step-2.1', 'whatwg#dom-websocket-close-step-2.2', 'w3c#dom-websocket-close-step-2.4', 'rfc6455#section-5.5-3'],
    server: { kind: 'accept' },
    script: whenOpen(
      'client-close-reason-too-long',
      [
        { op: 'close', code: 1000, reason: { repeat: 'a', times: 124 } },
        { op: 'close', code: 1000, reason: { repeat: '€', times: 42 } },
        { op: 'read', attr: 'readyState' },
      ],
      [{ op: 'close', code: 4000, reason: { repeat: '€', times: 41 } }, { op: 'wait', event: 'close' }],
    ),
    expected: [
      expectLine.open(),
      expectLine.exception('close', 'SyntaxError', 'whatwg#dom-websocket-close-step-2.2'),
      expectLine.exception('close', 'SyntaxError', 'whatwg#dom-websocket-close-step-2.1', 'whatwg#dom-websocket-close-step-2.2'),
      expectLine.value('readyState', 1, 'whatwg#dom-websocket-close-step-2.2', 'whatwg#handle-connection-establishment-step-1'),
      expectLine.close(4000, '€'.repeat(41), true),
      request('client-close-reason-too-long'),
      expectLine.server(`close 4000 "${'€'.repeat(41)}"`, 'whatwg#dom-websocket-close-step-3-2.3-6'),
    ],
    note: '124 ASCII characters are 124 bytes; 42 euro signs are 42 characters but 126 bytes; 41 are 123 bytes.',
  },
  {
    id: 'client-close-reason-without-code',
    title: 'close(undefined, "bye"): a reason without a code',
    group: 'client-close',
    clauses: ['whatwg#dom-websocket-close-step-3-2.3-3', 'whatwg#dom-websocket-close-step-3-2.3-6', 'rfc6455#section-5.5.1-2'],
    server: { kind: 'accept' },
    script: whenOpen(
      'client-close-reason-without-code',
      [],
      [
        { op: 'close', code: 'undefined', reason: 'bye' },
        // Does nothing once the first call started closing; closes an implementation that threw.
        { op: 'close', code: 1000, reason: 'fallback' },
        { op: 'wait', event: 'close' },
      ],
    ),
    expected: [expectLine.open(), expectLine.close('*', '*', true), request('client-close-reason-without-code'), expectLine.server('close *', 'whatwg#dom-websocket-close-step-3-2.3-6')],
    note: 'The standard does not say what to send: the reason goes "after the status code", and there is none (a Close body must start with a code). Every choice conforms; the runs show each one.',
  },
  {
    id: 'client-close-while-connecting',
    title: 'close() before the handshake completes fails the connection',
    group: 'client-close',
    clauses: ['whatwg#dom-websocket-close-step-3-2.2', 'whatwg#dom-websocket-close-step-3-2.2-2', 'whatwg#dom-websocket-close-step-3-2.2-3'],
    server: { kind: 'accept' },
    script: [
      { op: 'construct', url: '{ws}/s/client-close-while-connecting' },
      { op: 'close' },
      { op: 'read', attr: 'readyState' },
      { op: 'wait', event: 'close' },
      { op: 'read', attr: 'readyState' },
    ],
    expected: [
      expectLine.value('readyState', 2, 'whatwg#dom-websocket-close-step-3-2.2-2'),
      ...failed('whatwg#dom-websocket-close-step-3-2.2-2'),
      expectLine.value('readyState', 3, 'whatwg#closeWebSocket-step-1'),
      expectLine.optional(request('client-close-while-connecting')),
      expectLine.optional(expectLine.server('close *', 'rfc6455#section-7.1.7-2')),
    ],
    note: 'A race: the request may or may not leave before close() takes effect. When the server answered before the client learned of it, the connection was established as close() failed it, and RFC 6455 §7.1.7 recommends a Close frame (Chromium then sends 1001 from its network process while the script still sees a failure).',
  },
  {
    id: 'client-close-twice',
    title: 'A second close() does nothing',
    group: 'client-close',
    clauses: ['whatwg#dom-websocket-close-step-3-2.1', 'whatwg#dom-websocket-close-step-3-2.1-2'],
    server: { kind: 'accept' },
    script: whenOpen(
      'client-close-twice',
      [
        { op: 'close', code: 4001, reason: 'first' },
        { op: 'close', code: 4002, reason: 'second' },
      ],
      [{ op: 'wait', event: 'close' }],
    ),
    expected: [
      expectLine.open(),
      expectLine.close(4001, 'first', true),
      request('client-close-twice'),
      expectLine.server('close 4001 "first"', 'whatwg#dom-websocket-close-step-3-2.1-2'),
    ],
  },

  // ── send() ──
  {
    id: 'send-before-open',
    title: 'send() while CONNECTING throws InvalidStateError',
    group: 'send',
    clauses: ['whatwg#dom-websocket-send-step-1', 'w3c#dom-websocket-send'],
    server: { kind: 'accept' },
    script: [
      { op: 'construct', url: '{ws}/s/send-before-open' },
      { op: 'send', data: { text: 'too early' } },
      { op: 'read', attr: 'bufferedAmount' },
      { op: 'wait', event: 'open' },
      { op: 'send', data: { text: 'now' } },
      { op: 'wait', event: 'message' },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.exception('send', 'InvalidStateError', 'whatwg#dom-websocket-send-step-1'),
      expectLine.value('bufferedAmount', 0, 'whatwg#dom-websocket-send-step-1'),
      expectLine.open(),
      expectLine.message('now'),
      ...closedByClient(),
      request('send-before-open'),
      expectLine.server('text "now"', 'whatwg#dom-websocket-send-step-2-2.1-2'),
      clientCloseFrame(),
    ],
  },
  {
    id: 'send-after-close',
    title: 'send() once closing or closed: nothing is sent, bufferedAmount still grows',
    group: 'send',
    clauses: ['whatwg#dom-websocket-send-step-2-2.1-2', 'whatwg#interface-definition-7.6-3', 'whatwg#dom-websocket-bufferedamount'],
    server: { kind: 'accept' },
    script: whenOpen(
      'send-after-close',
      [
        { op: 'close' },
        { op: 'send', data: { text: 'abcd' } },
        { op: 'read', attr: 'bufferedAmount' },
      ],
      [
        { op: 'wait', event: 'close' },
        { op: 'send', data: { text: 'éf' } },
        { op: 'read', attr: 'bufferedAmount' },
        { op: 'read', attr: 'readyState' },
      ],
    ),
    expected: [
      expectLine.open(),
      expectLine.value('bufferedAmount', 4, 'whatwg#dom-websocket-send-step-2-2.1-2'),
      ...closedByClient(),
      expectLine.value('bufferedAmount', 7, 'whatwg#dom-websocket-send-step-2-2.1-2', 'whatwg#interface-definition-7.6-3'),
      expectLine.value('readyState', 3, 'whatwg#closeWebSocket-step-1'),
      request('send-after-close'),
      clientCloseFrame(),
    ],
    note: '"If the WebSocket connection is closed, this attribute\'s value will only increase with each call to the send() method": 4 bytes, then 3 more ("é" is 2 bytes).',
  },
  {
    id: 'send-types',
    title: 'send() a string, a Uint8Array, an ArrayBuffer and a Blob, in order; bufferedAmount counts their bytes',
    group: 'send',
    clauses: [
      'whatwg#dom-websocket-send-step-2-2.1-2',
      'whatwg#dom-websocket-send-step-2-2.2-2',
      'whatwg#dom-websocket-send-step-2-2.3-2',
      'whatwg#dom-websocket-send-step-2-2.4-2',
      'whatwg#dom-websocket-bufferedamount',
    ],
    server: { kind: 'accept' },
    script: whenOpen('send-types', [
      { op: 'set', attr: 'binaryType', value: 'arraybuffer' },
      { op: 'send', data: { text: 'héllo' } },
      { op: 'send', data: { bytes: [1, 2, 3] } },
      { op: 'send', data: { arrayBuffer: [4, 5] } },
      { op: 'send', data: { blob: [6, 7, 8] } },
      { op: 'read', attr: 'bufferedAmount' },
      { op: 'wait', event: 'message', count: 4 },
    ]),
    expected: [
      expectLine.open(),
      expectLine.value('bufferedAmount', 14, 'whatwg#dom-websocket-bufferedamount'),
      expectLine.message('héllo'),
      expectLine.message(describeArrayBuffer([1, 2, 3])),
      expectLine.message(describeArrayBuffer([4, 5])),
      expectLine.message(describeArrayBuffer([6, 7, 8])),
      ...closedByClient(),
      request('send-types'),
      expectLine.server('text "héllo"', 'whatwg#dom-websocket-send-step-2-2.1-2'),
      expectLine.server(`binary ${describeBinary(new Uint8Array([1, 2, 3]))}`, 'whatwg#dom-websocket-send-step-2-2.4-2'),
      expectLine.server(`binary ${describeBinary(new Uint8Array([4, 5]))}`, 'whatwg#dom-websocket-send-step-2-2.3-2'),
      expectLine.server(`binary ${describeBinary(new Uint8Array([6, 7, 8]))}`, 'whatwg#dom-websocket-send-step-2-2.2-2'),
      clientCloseFrame(),
    ],
    note: '"héllo" is 6 bytes of UTF-8; 6 + 3 + 2 + 3 = 14. The Blob is read asynchronously, yet sent in its place.',
  },
  {
    id: 'send-4mib',
    title: 'A 4 MiB binary message, echoed; bufferedAmount counts it until it is sent',
    group: 'send',
    clauses: ['whatwg#dom-websocket-bufferedamount', 'whatwg#dom-websocket-send-step-2-2.4-2', 'whatwg#dom-binarytype-arraybuffer-2', 'rfc6455#section-5.2-3.5'],
    server: { kind: 'accept' },
    script: whenOpen('send-4mib', [
      { op: 'set', attr: 'binaryType', value: 'arraybuffer' },
      { op: 'send', data: { bytesOfSize: FOUR_MIB } },
      { op: 'read', attr: 'bufferedAmount' },
      { op: 'wait', event: 'message', timeoutMs: 20_000 },
      { op: 'read', attr: 'bufferedAmount' },
    ]),
    expected: [
      expectLine.open(),
      expectLine.value('bufferedAmount', FOUR_MIB, 'whatwg#dom-websocket-bufferedamount', 'whatwg#dom-websocket-send-step-2-2.4-2'),
      expectLine.message(describeArrayBuffer(patternBytes(FOUR_MIB)), 'whatwg#dom-binarytype-arraybuffer-2'),
      expectLine.value('bufferedAmount', 0, 'whatwg#dom-websocket-bufferedamount'),
      ...closedByClient(),
      request('send-4mib'),
      expectLine.server(`binary ${describeBinary(patternBytes(FOUR_MIB))}`, 'rfc6455#section-5.2-3.5'),
      clientCloseFrame(),
    ],
  },

  // ── Messages and binaryType ──
  {
    id: 'message-text',
    title: 'Text messages, including an empty one and one outside the BMP',
    group: 'messages',
    clauses: ['whatwg#handle-a-websocket-message-step-2-2.1-2', 'whatwg#handle-a-websocket-message-step-3', 'rfc6455#section-5.6-3.1'],
    server: {
      kind: 'accept',
      then: [
        { do: 'send-text', text: 'héllo wörld 👋' },
        { do: 'send-text', text: '' },
      ],
    },
    script: [
      { op: 'construct', url: '{ws}/s/message-text' },
      { op: 'wait', event: 'message', count: 2 },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.open(),
      expectLine.message('héllo wörld 👋', 'whatwg#handle-a-websocket-message-step-2-2.1-2'),
      expectLine.message('', 'whatwg#handle-a-websocket-message-step-2-2.1-2'),
      ...closedByClient(),
      request('message-text'),
      clientCloseFrame(),
    ],
  },
  {
    id: 'binarytype-blob-default',
    title: 'binaryType is "blob" by default: a binary message arrives as a Blob',
    group: 'messages',
    clauses: ['whatwg#websocket-binary-type', 'whatwg#dom-binarytype-blob', 'whatwg#dom-binarytype-blob-2', 'whatwg#interface-definition-7.9-4'],
    server: { kind: 'accept', then: [{ do: 'send-binary', bytes: [1, 2, 3] }] },
    script: [
      { op: 'construct', url: '{ws}/s/binarytype-blob-default' },
      { op: 'read', attr: 'binaryType' },
      { op: 'wait', event: 'message' },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.value('binaryType', 'blob', 'whatwg#websocket-binary-type'),
      expectLine.open(),
      expectLine.message(describeBlob([1, 2, 3]), 'whatwg#dom-binarytype-blob-2'),
      ...closedByClient(),
      request('binarytype-blob-default'),
      clientCloseFrame(),
    ],
  },
  {
    id: 'binarytype-arraybuffer',
    title: 'binaryType "arraybuffer": a binary message arrives as an ArrayBuffer',
    group: 'messages',
    clauses: ['whatwg#interface-definition-20', 'whatwg#dom-binarytype-arraybuffer', 'whatwg#dom-binarytype-arraybuffer-2'],
    server: { kind: 'accept', then: [{ do: 'send-binary', bytes: [1, 2, 3] }] },
    script: [
      { op: 'construct', url: '{ws}/s/binarytype-arraybuffer' },
      { op: 'set', attr: 'binaryType', value: 'arraybuffer' },
      { op: 'read', attr: 'binaryType' },
      { op: 'wait', event: 'message' },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.value('binaryType', 'arraybuffer', 'whatwg#interface-definition-20'),
      expectLine.open(),
      expectLine.message(describeArrayBuffer([1, 2, 3]), 'whatwg#dom-binarytype-arraybuffer-2'),
      ...closedByClient(),
      request('binarytype-arraybuffer'),
      clientCloseFrame(),
    ],
  },
  {
    id: 'binarytype-switch-in-handler',
    title: 'binaryType switched inside the first message handler applies to the next message, already received',
    group: 'messages',
    clauses: ['whatwg#handle-a-websocket-message-step-2', 'whatwg#interface-definition-21', 'whatwg#dom-binarytype-blob-2', 'whatwg#dom-binarytype-arraybuffer-2'],
    server: {
      kind: 'accept',
      then: [
        { do: 'send-binary', bytes: [1] },
        { do: 'send-binary', bytes: [2] },
      ],
    },
    script: [
      { op: 'construct', url: '{ws}/s/binarytype-switch-in-handler' },
      { op: 'on', event: 'message', nth: 1, steps: [{ op: 'set', attr: 'binaryType', value: 'arraybuffer' }] },
      { op: 'wait', event: 'message', count: 2 },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.open(),
      expectLine.message(describeBlob([1]), 'whatwg#dom-binarytype-blob-2'),
      expectLine.message(describeArrayBuffer([2]), 'whatwg#handle-a-websocket-message-step-2', 'whatwg#interface-definition-21'),
      ...closedByClient(),
      request('binarytype-switch-in-handler'),
      clientCloseFrame(),
    ],
    note: 'The two frames leave the server in one write. The message task decides Blob or ArrayBuffer when it runs, so the switch made while handling the first message applies to the second.',
  },
  {
    id: 'binarytype-invalid-value',
    title: 'Setting binaryType to a value that is not "blob" or "arraybuffer" is ignored',
    group: 'messages',
    clauses: ['whatwg#interface-definition-2', 'whatwg#interface-definition-20', 'whatwg#dom-websocket-binarytype'],
    server: { kind: 'accept', then: [{ do: 'send-binary', bytes: [9] }] },
    script: [
      { op: 'construct', url: '{ws}/s/binarytype-invalid-value' },
      { op: 'set', attr: 'binaryType', value: 'arraybuffer' },
      { op: 'set', attr: 'binaryType', value: 'text' },
      { op: 'read', attr: 'binaryType' },
      { op: 'wait', event: 'message' },
      { op: 'close' },
      { op: 'wait', event: 'close' },
    ],
    expected: [
      expectLine.value('binaryType', 'arraybuffer', 'whatwg#interface-definition-2'),
      expectLine.open(),
      expectLine.message(describeArrayBuffer([9])),
      ...closedByClient(),
      request('binarytype-invalid-value'),
      clientCloseFrame(),
    ],
    note: 'binaryType is an IDL enumeration: Web IDL ignores an assignment of any other string (no exception, no change).',
  },
];

/** A scenario by id. */
export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}

/** The expected lines, as the comparison uses them. */
export function expectedLines(scenario: Scenario): string[] {
  return scenario.expected.map((expected) => expected.line);
}

/** The HTTP status of the server's answer to the handshake; null when there was none. */
export function statusOf(behaviour: ServerBehaviour): number | null {
  switch (behaviour.kind) {
    case 'accept':
      return 101;
    case 'refuse':
    case 'redirect':
      return behaviour.status;
    default:
      return null;
  }
}

/** The server behaviour in words. */
export function describeBehaviour(behaviour: ServerBehaviour): string {
  switch (behaviour.kind) {
    case 'accept': {
      const parts = [behaviour.accept === 'wrong' ? 'answers 101 with a wrong Sec-WebSocket-Accept' : 'answers 101 Switching Protocols'];
      if (behaviour.omit !== undefined) parts.push(`without ${behaviour.omit.join(' and ')}`);
      if (typeof behaviour.protocol === 'string') parts.push(`selecting the subprotocol "${behaviour.protocol}"`);
      else if (behaviour.protocol !== undefined) parts.push('selecting the first subprotocol offered');
      if (behaviour.extensions !== undefined) parts.push(`with Sec-WebSocket-Extensions: ${behaviour.extensions}`);
      for (const action of behaviour.then ?? []) parts.push(`then ${describeAction(action)}`);
      if (behaviour.echo !== false) parts.push('and echoes every message');
      return parts.join(', ');
    }
    case 'refuse':
      return `answers ${behaviour.status} ${behaviour.reason}${(behaviour.headers ?? []).map(([name, value]) => ` with ${name}: ${value}`).join('')}, then closes`;
    case 'redirect':
      return `answers ${behaviour.status} ${behaviour.reason} with Location: ${behaviour.location}, then closes`;
    case 'raw':
      return `answers ${JSON.stringify(behaviour.response)} (not HTTP), then closes`;
    case 'close-before-response':
      return 'reads the request, then closes the TCP connection without answering';
    case 'none':
      return 'no server involved';
  }
}

function describeAction(action: ServerAction): string {
  switch (action.do) {
    case 'send-text':
      return `sends the text ${JSON.stringify(action.text)}`;
    case 'send-binary':
      return `sends the bytes ${action.bytes.join(' ')}`;
    case 'send-raw':
      return `sends ${action.what}`;
    case 'ping':
      return `pings with ${JSON.stringify(action.text)}`;
    case 'close':
      return action.code === undefined ? 'closes with an empty Close frame' : `closes with ${action.code}${action.reason ? ` "${action.reason}"` : ''}`;
    case 'end':
      return 'closes the TCP connection without a Close frame';
    case 'reset':
      return 'resets the TCP connection';
    case 'sleep':
      return `waits ${action.ms} ms`;
  }
}

/** A script step in words (JavaScript-like). */
export function describeStep(step: ScriptStep): string {
  switch (step.op) {
    case 'construct':
      return step.protocols === undefined ? `ws = new WebSocket(${JSON.stringify(step.url)})` : `ws = new WebSocket(${JSON.stringify(step.url)}, ${JSON.stringify(step.protocols)})`;
    case 'send': {
      const data = step.data;
      const what =
        'text' in data
          ? JSON.stringify(data.text)
          : 'textRepeat' in data
            ? `${JSON.stringify(data.textRepeat)}.repeat(${data.times})`
            : 'bytes' in data
              ? `new Uint8Array([${data.bytes.join(', ')}])`
              : 'arrayBuffer' in data
                ? `new Uint8Array([${data.arrayBuffer.join(', ')}]).buffer`
                : 'blob' in data
                  ? `new Blob([new Uint8Array([${data.blob.join(', ')}])])`
                  : `new Uint8Array(${data.bytesOfSize})`;
      return `ws.send(${what})`;
    }
    case 'close': {
      const args: string[] = [];
      const reason = step.reason === undefined ? undefined : typeof step.reason === 'string' ? JSON.stringify(step.reason) : `${JSON.stringify(step.reason.repeat)}.repeat(${step.reason.times})`;
      if ('code' in step) args.push(String(step.code));
      else if (reason !== undefined) args.push('undefined');
      if (reason !== undefined) args.push(reason);
      return `ws.close(${args.join(', ')})`;
    }
    case 'set':
      return `ws.${step.attr} = ${JSON.stringify(step.value)}`;
    case 'read':
      return `read ws.${step.attr}`;
    case 'wait':
      return `await the ${step.count !== undefined && step.count > 1 ? `${step.count}th ` : ''}${step.event} event`;
    case 'on':
      return `on ${step.event} #${step.nth ?? 1}: ${step.steps.map(describeStep).join('; ')}`;
    case 'sleep':
      return `sleep ${step.ms} ms`;
  }
}
