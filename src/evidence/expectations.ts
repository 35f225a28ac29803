/**
 * Known disagreements of Chromium and undici with the standard, as data
 * (the web-platform-tests' expectations files, applied to the scenario
 * catalogue). Each entry pins the implementation's observation exactly:
 *
 * - a run that differs from the standard and matches no entry fails the
 *   scenario suite (a new difference is never silently accepted);
 * - an entry whose run now matches the standard, or differs otherwise,
 *   fails too (a stale expectation must be updated or removed).
 *
 * Console notes record what Chromium prints to its console, out of the
 * script's reach, such as "Unexpected response code: 403": the standard
 * does not govern the console, so these are not disagreements, but a note
 * that no longer holds is stale all the same.
 */
import type { Implementation, ObservationRecord } from './observation.ts';
import { ENGINE_DIFFERENCES } from './expectations-engines.ts';
import { canonicalLines, linesMatch } from './observation.ts';
import { caseInsensitiveSubprotocols, CLIENT_CLOSE, CLOSE_1005, CLOSE_1006, differencesOf, OPEN, request, SEND_AFTER_CLOSE_UNCOUNTED } from './expectation-parts.ts';

export interface KnownDifference {
  scenario: string;
  implementation: Exclude<Implementation, 'wsspec'>;
  /**
   * The implementation's canonical lines as recorded (ports as PORT); `*`
   * stands for text that varies from run to run or is pinned elsewhere (an
   * error message, a timing-dependent count).
   */
  observed: readonly string[];
  /** What differs from the standard, in one sentence. */
  summary: string;
  /** Why: the implementation's code, an issue, the history of the rule. */
  explanation: string;
  /** The clauses the implementation does not follow here. */
  clauses: readonly string[];
  links?: ReadonlyArray<{ label: string; url: string }>;
  /**
   * Set when the difference depends on timing (the engine sometimes does what
   * the standard requires): why. Such an entry is not stale when a run matches.
   */
  intermittent?: string;
}

export interface ConsoleNote {
  scenario: string;
  implementation: Exclude<Implementation, 'wsspec'>;
  /** Text one console message contains (ports as PORT). */
  contains: string;
  explanation: string;
}

// ─── Lines the entries are made of (the common ones: expectation-parts.ts) ─

/** undici's error event: an ErrorEvent whose error is a TypeError with an empty message. */
const UNDICI_ERROR = `event error ErrorEvent readyState=3 colno=0 error=${JSON.stringify('⟨TypeError name="TypeError" message=""⟩')} filename="" lineno=0 message=""`;

const UNDICI_SOURCE = 'https://github.com/nodejs/undici/blob/main/lib/web/websocket/websocket.js';
const UNDICI_CONNECTION = 'https://github.com/nodejs/undici/blob/main/lib/web/websocket/connection.js';
const UNDICI_WEBIDL = 'https://github.com/nodejs/undici/blob/main/lib/web/webidl/index.js';

/**
 * undici's error event, shared by every scenario whose connection fails:
 * the rule it departs from is the event's shape, not the hiding of causes.
 */
function undiciFailure(scenario: string, observed: readonly string[]): KnownDifference {
  return {
    scenario,
    implementation: 'undici',
    observed,
    summary: 'The error event is an ErrorEvent (with error, message, filename, lineno, colno) instead of a plain Event; its message is empty, so the cause stays hidden.',
    explanation:
      "undici's WebSocket fires error from #onSocketClose whenever no Close frame was received, as `new ErrorEvent('error', { error: new TypeError(reason) })`, where reason is the close reason: the empty string when no Close frame came. The standard fires a plain Event (closeWebSocket step 2). A script can tell undici's ErrorEvent from an Event, but not a 403 from a refused port or a redirect: message and error.message are empty in every failure scenario, the close code is 1006 and wasClean false, so the rule that no failure information reaches the script holds. What differs is the event's shape, not what it reveals.",
    clauses: ['whatwg#closeWebSocket-step-2'],
    links: [{ label: 'undici websocket.js (#onSocketClose)', url: UNDICI_SOURCE }],
  };
}

/** A failed handshake in undici: its error event, close 1006, and what the server saw. */
const undiciFailedHandshake = (scenario: string, server: readonly string[] = [request(scenario)]): KnownDifference =>
  undiciFailure(scenario, [UNDICI_ERROR, CLOSE_1006, ...server]);

/** A connection undici failed after it opened: open, its error event, close 1006, the request and the Close frame it sent. */
const undiciFailedAfterOpen = (scenario: string, closeFrame: string): KnownDifference =>
  undiciFailure(scenario, [OPEN, UNDICI_ERROR, CLOSE_1006, request(scenario), `server: ${closeFrame}`]);

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  // ── Chromium ──
  ...differencesOf('chromium', null, [
    {
      runs: {
        'construct-invalid-url': [
          'exception construct SyntaxError',
          'event error Event readyState=3',
          CLOSE_1006,
        ],
      },
      summary: 'new WebSocket("ws://exa mple.org/") does not throw: Chromium percent-encodes the space in the host, then fails the connection when the name does not resolve.',
      explanation:
        'In the URL Standard a space is a forbidden host code point, so host parsing fails, the URL parser returns failure and the constructor throws a SyntaxError (steps 2 and 3). Chromium\'s URL parser (GURL) escapes the space instead ("ws://exa%20mple.org/"); the constructor succeeds and the connection fails later with net::ERR_NAME_NOT_RESOLVED, so the script sees error and close 1006 where it should have caught an exception. ("ws://[::1", the first URL of the script, is rejected as it should be.)',
      clauses: ['whatwg#dom-websocket-websocket-step-2', 'whatwg#dom-websocket-websocket-step-3'],
      links: [{ label: 'URL Standard: forbidden host code point', url: 'https://url.spec.whatwg.org/#forbidden-host-code-point' }],
    },
    {
      runs: {
        'client-close-reason-without-code': [
          OPEN,
          'exception close InvalidAccessError',
          'event close CloseEvent readyState=3 code=1000 reason="fallback" wasClean=true',
          request('client-close-reason-without-code'),
          'server: close 1000 "fallback"',
        ],
      },
      summary: 'close(undefined, "bye") throws InvalidAccessError ("0 is neither"): Chromium converts the explicit undefined to the code 0 instead of treating the code as absent.',
      explanation:
        'Web IDL\'s overload resolution turns an explicit undefined passed for an optional argument without a default into "missing", so close() runs with code absent and reason present; step 1 only checks a code that is present. Blink\'s bindings convert the undefined that precedes a present argument through [Clamp] unsigned short (ToNumber(undefined) is NaN, clamped to 0), and step 1 then throws "The close code must be either 1000, or between 3000 and 4999. 0 is neither." The script\'s fallback close(1000, "fallback") then closes the connection. undici and ours accept the call (undici sends 1000 with the reason, ours an empty Close frame; the standard leaves that open).',
      clauses: ['whatwg#interface-definition-2', 'whatwg#dom-websocket-close-step-1'],
      links: [{ label: 'Web IDL: overload resolution algorithm', url: 'https://webidl.spec.whatwg.org/#es-overloads' }],
    },
  ]),

  // ── undici: the error event's shape, in every failure ──
  ...(['refuse-400', 'refuse-403', 'refuse-404', 'refuse-426', 'refuse-500', 'refuse-503', 'refuse-200'] as const).map((id) => undiciFailedHandshake(id)),
  {
    ...undiciFailedHandshake('refuse-401', [request('refuse-401'), request('refuse-401')]),
    summary: 'On 401, undici sends the handshake request a second time before failing; its error event is an ErrorEvent (see the other failures).',
    explanation:
      "The WebSocket standard's request (establish step 2) does not set Fetch's use-URL-credentials flag, and outside a browser there is no traversable to prompt a user in, so Fetch's 401 handling does not apply: the response is a 401, the connection fails. undici builds its WebSocket request with `useURLCredentials: true`, so its fetch treats the 401 as a challenge it may answer with the URL's credentials: it drops the connection and sends the same request again (the URL has no credentials to add), gets the same 401, and fails then. The server sees two requests; Chromium, which also tries to authenticate (its console says so), sends one. The script's view is the same as for every failure: an ErrorEvent with empty message, close 1006.",
    clauses: ['whatwg#concept-websocket-establish-step-2', 'whatwg#closeWebSocket-step-2'],
    links: [
      { label: 'undici websocket connection.js (establishWebSocketConnection)', url: UNDICI_CONNECTION },
      { label: 'Fetch: HTTP-network-or-cache fetch, 401 handling', url: 'https://fetch.spec.whatwg.org/#http-network-or-cache-fetch' },
    ],
  },
  ...(['redirect-301', 'redirect-302', 'redirect-307', 'redirect-308'] as const).map((id) => undiciFailedHandshake(id)),
  ...(['tcp-close-before-response', 'garbage-response', 'missing-upgrade', 'wrong-accept', 'subprotocol-not-offered', 'extension-not-offered'] as const).map((id) =>
    undiciFailedHandshake(id),
  ),
  undiciFailedHandshake('subprotocol-not-selected', [request('subprotocol-not-selected', 'chat')]),
  undiciFailedHandshake('connection-refused', []),
  undiciFailedHandshake('bad-port', []),
  undiciFailure('https-scheme', ['value url "wss://127.0.0.1:PORT/s/https-scheme"', UNDICI_ERROR, CLOSE_1006, 'server: tls client hello']),
  undiciFailedAfterOpen('invalid-utf8', 'close 1007 "Received invalid UTF-8 in text frame."'),
  undiciFailedAfterOpen('masked-frame', 'close 1002 "Frame cannot be masked"'),
  undiciFailedAfterOpen('reserved-opcode', 'close 1002 "Invalid opcode received"'),

  // ── undici: other rules ──
  // The transport lost after open: undici fails the connection as RFC 6455 §7.2.1 requires; only its error event's class differs.
  undiciFailure('server-drop', [OPEN, UNDICI_ERROR, CLOSE_1006, request('server-drop')]),
  undiciFailure('server-reset', [OPEN, UNDICI_ERROR, CLOSE_1006, request('server-reset')]),
  ...differencesOf('undici', null, [
    {
      runs: { 'client-close-while-connecting': [UNDICI_ERROR, CLOSE_1006, 'value readyState 2', 'value readyState 2'] },
      summary: 'close() while CONNECTING fires error and close synchronously, before close() returns, and leaves readyState at CLOSING (2) for good.',
      explanation:
        'undici\'s closeWebSocketConnection() calls failWebsocketConnection(), which, while CONNECTING, calls onSocketClose() at once: readyState becomes CLOSED and error and close are dispatched inside the close() call; then closeWebSocketConnection() sets readyState to CLOSING, where it stays. The standard sets the ready state to CLOSING (close step 3) and fires the events from a queued task that first sets it to CLOSED (closeWebSocket step 1): the script reads 2 right after close(), then gets error and close, then reads 3.',
      clauses: ['whatwg#dom-websocket-close-step-3-2.2-2', 'whatwg#closeWebSocket', 'whatwg#closeWebSocket-step-1'],
      links: [{ label: 'undici connection.js (closeWebSocketConnection, failWebsocketConnection)', url: UNDICI_CONNECTION }],
    },
    {
      runs: { 'client-close-clamped-code': [OPEN, 'event close CloseEvent readyState=3 code=3002 reason="clamp" wasClean=true', request('client-close-clamped-code'), 'server: close 3002 "clamp"'] },
      summary: 'close(3001.2) sends 3002: undici\'s [Clamp] rounds up any fraction of an odd number.',
      explanation:
        'undici\'s webidl.util.ConvertToInt implements [Clamp] as `Math.floor(x) % 2 === 0 ? Math.floor(x) : Math.ceil(x)`: an even integer part rounds down, an odd one up, whatever the fraction (3001.2 → 3002, 3000.7 → 3000). Web IDL rounds to the nearest integer and only breaks ties towards the even one: 3001.2 → 3001, 3000.7 → 3001, 3000.5 → 3000. The server receives, and echoes, the wrong code.',
      clauses: ['whatwg#interface-definition-2', 'whatwg#dom-websocket-close-step-3-2.3-5'],
      links: [
        { label: 'undici webidl ConvertToInt', url: UNDICI_WEBIDL },
        { label: 'Web IDL: ConvertToInt, [Clamp]', url: 'https://webidl.spec.whatwg.org/#abstract-opdef-converttoint' },
      ],
    },
    {
      runs: { 'send-after-close': SEND_AFTER_CLOSE_UNCOUNTED },
      summary: 'send() once CLOSING or CLOSED does not increase bufferedAmount (0 instead of 4, then 7).',
      explanation:
        'undici\'s send() returns as soon as the connection is not established or is closing, before it adds the data\'s size to #bufferedAmount. The standard makes every send() that does not throw increase bufferedAmount, sent or not ("If the WebSocket connection is closed, this attribute\'s value will only increase with each call to the send() method"), so that a script polling bufferedAmount sees that its data is not leaving. Chromium and ours report 4, then 7.',
      clauses: ['whatwg#dom-websocket-send-step-2-2.1-2', 'whatwg#interface-definition-7.6-3'],
      links: [{ label: 'undici websocket.js (send)', url: UNDICI_SOURCE }],
    },
    {
      runs: {
        'binarytype-invalid-value': [
          'value binaryType "blob"',
          OPEN,
          `event message MessageEvent readyState=1 data=${JSON.stringify('⟨Blob size=1 type="" 09⟩')} lastEventId="" origin="ws://127.0.0.1:PORT" ports="⟨Array length=0⟩" source=null`,
          CLOSE_1005,
          request('binarytype-invalid-value'),
          CLIENT_CLOSE,
        ],
      },
      summary: 'Assigning binaryType = "text" resets it to "blob" (it was "arraybuffer"), so the next binary message arrives as a Blob.',
      explanation:
        'undici\'s binaryType setter stores "blob" for any value other than "blob" and "arraybuffer". binaryType is a Web IDL enumeration attribute: assigning a string that is not one of its values is ignored, and the attribute keeps "arraybuffer" (Chromium ignores it and logs a console warning; ours ignores it).',
      clauses: ['whatwg#interface-definition-2', 'whatwg#interface-definition-20'],
      links: [{ label: 'undici websocket.js (binaryType setter)', url: UNDICI_SOURCE }],
    },
    caseInsensitiveSubprotocols(
      'undici',
      'undici\'s constructor counts duplicates with `new Set(protocols.map(p => p.toLowerCase()))`, as the web-platform-test Create-protocols-repeated-case-insensitive expects. The standard says "occur more than once" and names no case-insensitive comparison; its editor found none in the standard or RFC 6455 and noted that no browser passes that test (whatwg/websockets#47, open). Chromium and ours offer both.',
      [{ label: 'undici websocket.js (constructor)', url: UNDICI_SOURCE }],
    ),
  ]),
  ...ENGINE_DIFFERENCES,
];

/**
 * Runs that conform although an engine made another choice than ours where
 * the standard leaves one: shown beside the verdict, never as a difference.
 */
export interface ConformingNote {
  scenario: string;
  implementation: Exclude<Implementation, 'wsspec'>;
  /** Text one canonical line of the run contains. */
  line: string;
  explanation: string;
  clauses: readonly string[];
}

export const CONFORMING_NOTES: readonly ConformingNote[] = [
  {
    scenario: 'invalid-utf8',
    implementation: 'chromium',
    line: 'server: close 1002',
    explanation:
      'Chromium\'s Close frame says 1002 (protocol error) where undici and ours send 1007. RFC 6455 §7.1.7 ¶2 only asks for "an appropriate status code" (a SHOULD) and §7.4.1 ¶1 says endpoints "MAY use" the pre-defined codes: 1002 is appropriate, 1007 ("data within a message that was not consistent with the type of the message") is the more specific choice. Chromium\'s network service fails the channel with kWebSocketErrorProtocolError in net/websockets/websocket_channel.cc.',
    clauses: ['rfc6455#section-7.1.7-2', 'rfc6455#section-7.4.1-1', 'rfc6455#section-7.4.1-2.8'],
  },
];

/** Chromium's console, where the causes the script never sees are written (status codes included). */
export const CONSOLE_NOTES: readonly ConsoleNote[] = [
  ...([400, 403, 404, 426, 500, 503, 200] as const).map(
    (status): ConsoleNote => ({
      scenario: `refuse-${status}`,
      implementation: 'chromium',
      contains: `failed: Error during WebSocket handshake: Unexpected response code: ${status}`,
      explanation: `Chromium writes the status to the console, out of the script's reach: the script itself got only error and close 1006. This is the message of the question that started this project ("Unexpected response code: 403"); it comes from net/websockets/websocket_basic_handshake_stream.cc.`,
    }),
  ),
  ...([301, 302, 307, 308] as const).map(
    (status): ConsoleNote => ({
      scenario: `redirect-${status}`,
      implementation: 'chromium',
      contains: `Unexpected response code: ${status}`,
      explanation: 'A redirect is one more unexpected status to Chromium: it never reads Location, and only the console tells.',
    }),
  ),
  {
    scenario: 'refuse-401',
    implementation: 'chromium',
    contains: 'HTTP Authentication failed; no valid credentials available',
    explanation: 'Chromium treats 401 (and 407) apart: it looks for credentials for the challenge (WWW-Authenticate: Basic), finds none, and fails. The script still sees only error and close 1006.',
  },
  {
    scenario: 'connection-refused',
    implementation: 'chromium',
    contains: 'net::ERR_CONNECTION_REFUSED',
    explanation: 'The refused port is named in the console only.',
  },
  {
    scenario: 'bad-port',
    implementation: 'chromium',
    contains: 'net::ERR_UNSAFE_PORT',
    explanation: 'Chromium blocks the port as Fetch requires and fails the connection (no exception, unlike the 2012 CR\'s SecurityError); the reason is in the console only.',
  },
  {
    scenario: 'wrong-accept',
    implementation: 'chromium',
    contains: "Incorrect 'Sec-WebSocket-Accept' header value",
    explanation: 'The validation step that failed is named in the console only.',
  },
  {
    scenario: 'subprotocol-not-selected',
    implementation: 'chromium',
    contains: "Sent non-empty 'Sec-WebSocket-Protocol' header but no response was received",
    explanation: 'The WHATWG-only rule (establish step 11.2) is enforced, and explained in the console only.',
  },
  {
    scenario: 'client-close-while-connecting',
    implementation: 'chromium',
    contains: 'WebSocket is closed before the connection is established.',
    explanation: 'A warning, not an error: the script asked for it.',
  },
  {
    scenario: 'send-after-close',
    implementation: 'chromium',
    contains: 'WebSocket is already in CLOSING or CLOSED state.',
    explanation: 'Each send() after close() is logged (twice here); the script gets no exception, as the standard requires, and bufferedAmount grows.',
  },
  {
    scenario: 'binarytype-invalid-value',
    implementation: 'chromium',
    contains: "The provided value 'text' is not a valid enum value of type BinaryType.",
    explanation: 'The ignored assignment is reported in the console; the attribute keeps its value, as Web IDL requires.',
  },
];

/** The known difference that explains a run, if one pins exactly what it observed. */
export function knownDifferenceFor(record: Pick<ObservationRecord, 'scenario' | 'implementation' | 'observed' | 'server'>): KnownDifference | undefined {
  const lines = canonicalLines(record);
  return KNOWN_DIFFERENCES.find(
    (difference) => difference.scenario === record.scenario && difference.implementation === record.implementation && linesMatch(difference.observed, lines),
  );
}

/** A stable id for a known difference. */
export function differenceId(difference: Pick<KnownDifference, 'scenario' | 'implementation'>): string {
  return `${difference.implementation}/${difference.scenario}`;
}
