/**
 * Known differences of Firefox, WebKit, Bun and Deno (and Chromium on a
 * lost transport), as data: the same rules as expectations.ts (a run that
 * differs and matches no entry fails the suite; an entry whose run now
 * matches is stale). Each engine's differences are written once each, with
 * the scenarios they show in (`differencesOf`, expectation-parts.ts); lines
 * that vary from run to run (an engine's error message, a timing-dependent
 * count) are written with `*`.
 */
import type { KnownDifference } from './expectations.ts';
import { caseInsensitiveSubprotocols, CLIENT_CLOSE, CLOSE_1005, CLOSE_1006, differencesOf, expectedWith, OPEN, openedAnyway, request, SEND_AFTER_CLOSE_UNCOUNTED, TIMEOUT } from './expectation-parts.ts';

const CLOSE_0 = 'event close CloseEvent readyState=3 code=0 reason="" wasClean=false';
/** Bun's and Deno's error event: an ErrorEvent whose message and error say what failed. */
const ERROR_EVENT_WITH_MESSAGE = 'event error ErrorEvent readyState=3 colno=0 error=* filename="" lineno=0 message=*';
/** The transport lost after open, reported as a close without a Close frame: close 1006 alone, no error event. */
const closeAlone = (id: string): string[] => [OPEN, CLOSE_1006, request(id)];

const FIREFOX_WEBSOCKET = 'https://searchfox.org/mozilla-central/source/netwerk/protocol/websocket/WebSocketChannel.cpp';
const WEBKIT_WEBSOCKET = 'https://github.com/WebKit/WebKit/blob/main/Source/WebCore/Modules/websockets/WebSocket.cpp';
const BUN_WEBSOCKET = 'https://github.com/oven-sh/bun/blob/main/src/bun.js/bindings/webcore/WebSocket.cpp';
const DENO_WEBSOCKET = 'https://github.com/denoland/deno/blob/main/ext/websocket/01_websocket.js';

/** Each engine's source, the link of its entries unless they name another. */
const BLINK_SOURCE = {
  label: 'Blink dom_websocket.cc (DidClose, DidError)',
  url: 'https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/modules/websockets/dom_websocket.cc',
};
const GECKO_SOURCE = { label: 'Gecko WebSocketChannel.cpp', url: FIREFOX_WEBSOCKET };
const WEBKIT_SOURCE = { label: 'WebKit WebSocket.cpp', url: WEBKIT_WEBSOCKET };
const BUN_SOURCE = { label: 'Bun WebSocket.cpp', url: BUN_WEBSOCKET };
const DENO_SOURCE = { label: 'Deno ext/websocket/01_websocket.js', url: DENO_WEBSOCKET };

/** What the server saw in each failed handshake (the request, when one was made). */
const FAILED_HANDSHAKES: Record<string, readonly string[]> = Object.fromEntries([
  ...['refuse-400', 'refuse-401', 'refuse-403', 'refuse-404', 'refuse-426', 'refuse-500', 'refuse-503', 'refuse-200'].map((id) => [id, [request(id)]]),
  ...['redirect-301', 'redirect-302', 'redirect-307', 'redirect-308'].map((id) => [id, [request(id)]]),
  ...['tcp-close-before-response', 'garbage-response', 'missing-upgrade', 'wrong-accept', 'subprotocol-not-offered', 'extension-not-offered'].map((id) => [id, [request(id)]]),
  ['subprotocol-not-selected', [request('subprotocol-not-selected', 'chat')]],
  ['connection-refused', []],
  ['bad-port', []],
]);

const TRANSPORT_LOST = {
  summary: 'When the server drops the TCP connection after the handshake without a Close frame, close (1006) comes alone: no error event.',
  clauses: ['rfc6455#section-7.2.1-2', 'whatwg#closeWebSocket-step-2'],
};

export const ENGINE_DIFFERENCES: readonly KnownDifference[] = [
  // ── Chromium: the transport lost after open ──
  ...differencesOf('chromium', BLINK_SOURCE, [
    {
      runs: { 'server-drop': closeAlone('server-drop'), 'server-reset': closeAlone('server-reset') },
      ...TRANSPORT_LOST,
      explanation:
        'RFC 6455 §7.2.1 ¶2: "If at any point the underlying transport layer connection is unexpectedly lost, the client MUST _Fail the WebSocket Connection_", and the WHATWG close steps fire error when the connection was failed (closeWebSocket step 2). Blink\'s DOMWebSocket fires error only when its channel reports a failure; a TCP FIN or RST after the handshake reaches it as a closure without a closing handshake (code 1006), so the script sees close alone. Firefox and WebKit fire error on an RST; undici, Deno and ours on both.',
    },
  ]),

  // ── Firefox ──
  ...differencesOf('firefox', GECKO_SOURCE, [
    {
      runs: {
        'subprotocol-not-offered': openedAnyway('subprotocol-not-offered'),
        'subprotocol-not-selected': openedAnyway('subprotocol-not-selected', 'chat'),
      },
      summary: 'Firefox opens the connection when the server\'s Sec-WebSocket-Protocol names a subprotocol the client did not offer, or none when it offered one.',
      explanation:
        'RFC 6455 §4.1 requires the client to fail the connection when the response selects "a subprotocol that was not present in the client\'s handshake", and the WHATWG establish steps (11.2) also when the client offered subprotocols and the server selected none. Gecko\'s WebSocketChannel accepts either response and opens; the script gets open, and the connection stays open until the script closes it (the awaited close never came within 5 s).',
      clauses: ['rfc6455#section-4.1-8.6', 'whatwg#concept-websocket-establish-step-11.2', 'whatwg#closeWebSocket-step-2'],
    },
    {
      // Under load, Firefox may also skip open (see the family below).
      runs: { 'server-drop': [`?${OPEN}`, CLOSE_1006, request('server-drop')] },
      ...TRANSPORT_LOST,
      explanation:
        'RFC 6455 §7.2.1 ¶2 requires the client to fail the connection when the transport is lost, and a failed connection fires error before close. Firefox fires error on an RST ("The connection to … was interrupted", its console says) but treats a TCP FIN after the handshake as a closure without a Close frame: close 1006 alone, as Chromium and WebKit do.',
    },
    {
      runs: Object.fromEntries(['server-reset', 'invalid-utf8', 'reserved-opcode'].map((id) => [id, ['event error Event readyState=3', CLOSE_1006, request(id), '?server: close *']])),
      summary: 'When the connection fails soon after the 101 (an RST, an invalid frame 50 ms later), Firefox sometimes fires error and close without open.',
      explanation:
        'Seen when the machine is busy: Gecko fails the connection before the task that fires open has run, and then reports it as a connection that was never established ("Firefox can\'t establish a connection to the server", its console says), so the script never gets open. The standard fires open once the handshake is validated (the connection is established), whatever happens next. On an idle machine Firefox fires open first and the run conforms.',
      clauses: ['whatwg#handle-connection-establishment-step-4'],
      intermittent: 'Whether Firefox runs the open task before it learns of the failure depends on how busy the machine is.',
    },
    {
      runs: { 'masked-frame': [OPEN, 'event message MessageEvent readyState=1 data="masked" lastEventId="" origin="ws://127.0.0.1:PORT" ports="⟨Array length=0⟩" source=null', TIMEOUT, request('masked-frame'), CLIENT_CLOSE] },
      summary: 'Firefox accepts a masked frame from the server: it unmasks it and delivers the message.',
      explanation:
        'RFC 6455 §5.1: "A client MUST close a connection if it detects a masked frame". Firefox unmasks the frame and delivers "masked" to the script; the connection stays open until the script closes it.',
      clauses: ['rfc6455#section-5.1-1', 'whatwg#closeWebSocket-step-2'],
    },
  ]),

  // ── WebKit ──
  ...differencesOf('webkit', WEBKIT_SOURCE, [
    {
      runs: Object.fromEntries(['redirect-301', 'redirect-302', 'redirect-307', 'redirect-308'].map((id) => [id, [OPEN, TIMEOUT, request(id), 'server: request /target', CLIENT_CLOSE]])),
      summary: 'WebKit follows the redirect: it sends the handshake again to the Location and opens there.',
      explanation:
        'The WHATWG request has redirect mode "error" (establish step 2): a redirect is a network error, and the connection fails (step 11.1), because following redirects "could introduce serious security problems in a web browser context". WebKitGTK sends its handshake through its network process, which followed the 3xx here: the server sees a request for /target, answers 101 and the script gets open.',
      clauses: ['whatwg#concept-websocket-establish-step-2', 'w3c#dom-websocket-step-8-2', 'whatwg#closeWebSocket-step-2', 'whatwg#closeWebSocket-step-3'],
    },
    {
      runs: { 'subprotocol-not-selected': openedAnyway('subprotocol-not-selected', 'chat') },
      summary: 'WebKit opens when it offered a subprotocol and the server selected none.',
      explanation:
        'A rule of the WHATWG standard only (establish step 11.2: the client offered subprotocols, the response has no Sec-WebSocket-Protocol: fail the connection). RFC 6455 fails only on a subprotocol that was not offered, and WebKit follows the RFC here: it opens with protocol "".',
      clauses: ['whatwg#concept-websocket-establish-step-11.2', 'whatwg#closeWebSocket-step-2'],
    },
    {
      runs: { 'bad-port': ['event error Event readyState=0', TIMEOUT] },
      summary: 'A bad port (25): WebKit fires error while the ready state is still CONNECTING, and never fires close.',
      explanation:
        'Its console says "WebSocket port 25 blocked". WebKit\'s constructor checks the port itself (the 2012 CR threw a SecurityError there) and then dispatches error without closing: readyState stays 0 during the event and no close event follows. The WHATWG standard lets Fetch refuse the port, which fails the connection: ready state CLOSED, then error, then close 1006.',
      clauses: ['whatwg#concept-websocket-establish-step-11.1', 'whatwg#closeWebSocket-step-1', 'whatwg#closeWebSocket-step-3'],
      links: [{ label: 'WebKit WebSocket.cpp (connect, port blocking)', url: WEBKIT_WEBSOCKET }],
    },
    {
      runs: { 'server-drop': closeAlone('server-drop') },
      ...TRANSPORT_LOST,
      explanation:
        'RFC 6455 §7.2.1 ¶2 requires the client to fail the connection when the transport is lost, and a failed connection fires error before close. WebKit fires error on an RST but treats a TCP FIN after the handshake as a closure without a Close frame: close 1006 alone (as Chromium does).',
    },
    {
      runs: { 'send-after-close': [OPEN, 'value bufferedAmount 10', CLOSE_1005, 'value bufferedAmount 19', 'value readyState 3', request('send-after-close'), CLIENT_CLOSE] },
      summary: 'send() once closing counts the frame overhead in bufferedAmount: 10 and 19 instead of 4 and 7.',
      explanation:
        'The standard counts "the number of bytes of application data" (4 for "abcd", then 3 more for "éf"). WebKit adds what the frame would have cost on the wire (2 header bytes and a 4-byte mask per frame: 4 + 6 = 10, then 3 + 6 more = 19), as the WebSocket API of 2011 did.',
      clauses: ['whatwg#dom-websocket-send-step-2-2.1-2', 'whatwg#interface-definition-7.6-3'],
      links: [{ label: 'WebKit WebSocket.cpp (send, bufferedAmount after close)', url: WEBKIT_WEBSOCKET }],
    },
  ]),

  // ── Bun ──
  ...differencesOf('bun', BUN_SOURCE, [
    {
      runs: {
        ...Object.fromEntries(Object.entries(FAILED_HANDSHAKES).map(([id, server]) => [id, [ERROR_EVENT_WITH_MESSAGE, CLOSE_1006, ...server]])),
        'https-scheme': ['value url "wss://127.0.0.1:PORT/s/https-scheme"', ERROR_EVENT_WITH_MESSAGE, CLOSE_1006, 'server: tls client hello'],
        'invalid-utf8': [OPEN, ERROR_EVENT_WITH_MESSAGE, CLOSE_1006, request('invalid-utf8'), 'server: close 1007 ""'],
        'masked-frame': [OPEN, ERROR_EVENT_WITH_MESSAGE, CLOSE_1006, request('masked-frame'), '?server: close *'],
        'reserved-opcode': [OPEN, ERROR_EVENT_WITH_MESSAGE, CLOSE_1006, request('reserved-opcode'), '?server: close *'],
        'client-close-while-connecting': ['value readyState 2', ERROR_EVENT_WITH_MESSAGE, CLOSE_1006, 'value readyState 3', `?${request('client-close-while-connecting')}`, '?server: close *'],
      },
      summary: 'The error event is an ErrorEvent whose message says why the connection failed, e.g. "Expected 101 status code: 403".',
      explanation:
        'Bun\'s WebSocket dispatches an ErrorEvent carrying its internal error ("WebSocket connection to \'…\' failed: Expected 101 status code: 403", "Mismatch websocket accept header", "Failed to connect"…). The WHATWG standard fires a plain Event (closeWebSocket step 2) and forbids conveying "any failure information to scripts in a way that would allow a script to distinguish" a refused handshake from a refused port or a server that is not a WebSocket server (¶11): with Bun, a script reads the very status RFC 6455 asks servers to send. The close event itself conforms (1006, not clean).',
      clauses: ['whatwg#closeWebSocket-step-2', 'whatwg#feedback-from-the-protocol-11'],
    },
    {
      runs: { 'server-drop': closeAlone('server-drop'), 'server-reset': closeAlone('server-reset') },
      ...TRANSPORT_LOST,
      explanation: 'Bun reports a lost TCP connection after the handshake as a close without a Close frame (1006), without failing the connection: no error event, as in Chromium. RFC 6455 §7.2.1 ¶2 requires a failure, hence error before close.',
    },
    {
      runs: {
        'open-101': expectedWith('open-101', [['value binaryType "blob"', 'value binaryType "nodebuffer"']]),
        'binarytype-blob-default': [
          'value binaryType "nodebuffer"',
          OPEN,
          'event message MessageEvent readyState=1 data="⟨object Buffer⟩" lastEventId="" origin="ws://127.0.0.1:PORT" ports="⟨Array length=0⟩" source=null',
          CLOSE_1005,
          request('binarytype-blob-default'),
          CLIENT_CLOSE,
        ],
        'binarytype-switch-in-handler': [
          OPEN,
          'event message MessageEvent readyState=1 data="⟨object Buffer⟩" lastEventId="" origin="ws://127.0.0.1:PORT" ports="⟨Array length=0⟩" source=null',
          'event message MessageEvent readyState=1 data="⟨ArrayBuffer byteLength=1 02⟩" lastEventId="" origin="ws://127.0.0.1:PORT" ports="⟨Array length=0⟩" source=null',
          CLOSE_1005,
          request('binarytype-switch-in-handler'),
          CLIENT_CLOSE,
        ],
      },
      summary: 'binaryType starts as "nodebuffer", so binary messages arrive as Node Buffers instead of Blobs.',
      explanation:
        'The standard\'s binary type "Initially it must be \\"blob\\"" and BinaryType has two values, "blob" and "arraybuffer". Bun adds "nodebuffer" (as the ws package does) and makes it the default, so a script that never sets binaryType gets a Buffer (a Uint8Array), not a Blob.',
      clauses: ['whatwg#websocket-binary-type', 'whatwg#dom-binarytype-blob-2', 'whatwg#interface-definition-2'],
      links: [{ label: 'Bun WebSocket.cpp (binaryType)', url: BUN_WEBSOCKET }],
    },
    caseInsensitiveSubprotocols(
      'Bun',
      'As undici, and as the web-platform-test Create-protocols-repeated-case-insensitive expects. The standard says "occur more than once" without a case-insensitive comparison (whatwg/websockets#47, open).',
    ),
    {
      runs: {
        'client-close-invalid-codes': [
          OPEN,
          ...Array.from({ length: 6 }, () => 'exception close InvalidAccessError'),
          'value readyState 2',
          'event close CloseEvent readyState=3 code=1001 reason="" wasClean=true',
          request('client-close-invalid-codes'),
          'server: close 1001 ""',
        ],
      },
      summary: 'close(1001) is accepted and sent (1001 is for endpoints, not scripts), and so close(NaN) never runs: six exceptions instead of seven.',
      explanation:
        'close() step 1 allows a script 1000 and 3000–4999 only ("If code is present, but is neither an integer equal to 1000 nor an integer in the range 3000 to 4999, inclusive, throw an InvalidAccessError"). Bun also accepts 1001 (going away): the connection starts closing with 1001, the script\'s later calls with 1005, 2999, 5000, 0 and NaN still throw (six in all), and the final close(1000) does nothing.',
      clauses: ['whatwg#dom-websocket-close-step-1', 'whatwg#handle-connection-establishment-step-1', 'whatwg#dom-websocket-close-step-3-2.3-5'],
      links: [{ label: 'Bun WebSocket.cpp (close)', url: BUN_WEBSOCKET }],
    },
    {
      runs: {
        'send-types': expectedWith('send-types', [['value bufferedAmount 14', 'value bufferedAmount 0']]),
        'send-4mib': expectedWith('send-4mib', [[`value bufferedAmount ${4 * 1024 * 1024}`, 'value bufferedAmount *']]),
      },
      summary: 'bufferedAmount right after send() counts only what the socket has not yet taken: 0 for small messages, part of a large one.',
      explanation:
        'The standard counts every byte queued by send() that had not been transmitted "as of the last time the event loop reached step 1" (so, within the task that called send(), all of it: 14 bytes, then 4 MiB). Bun writes to the socket synchronously and reports what its buffer still holds (0, or a fraction of the 4 MiB that varies from run to run).',
      clauses: ['whatwg#dom-websocket-bufferedamount'],
      links: [{ label: 'Bun WebSocket.cpp (bufferedAmount)', url: BUN_WEBSOCKET }],
    },
  ]),

  // ── Deno ──
  ...differencesOf('deno', DENO_SOURCE, [
    {
      runs: {
        ...Object.fromEntries(
          Object.entries(FAILED_HANDSHAKES)
            .filter(([id]) => !['wrong-accept', 'subprotocol-not-offered', 'subprotocol-not-selected', 'extension-not-offered'].includes(id))
            .map(([id, server]) => [id, [ERROR_EVENT_WITH_MESSAGE, CLOSE_0, ...server]]),
        ),
        'https-scheme': ['value url "wss://127.0.0.1:PORT/s/https-scheme"', ERROR_EVENT_WITH_MESSAGE, CLOSE_0, 'server: tls client hello', '?server: tls client hello'],
        'server-drop': [OPEN, ERROR_EVENT_WITH_MESSAGE, CLOSE_0, request('server-drop')],
        'server-reset': [OPEN, ERROR_EVENT_WITH_MESSAGE, CLOSE_0, request('server-reset')],
        'invalid-utf8': [OPEN, ERROR_EVENT_WITH_MESSAGE, CLOSE_0, request('invalid-utf8'), '?server: close *'],
        'reserved-opcode': [OPEN, ERROR_EVENT_WITH_MESSAGE, CLOSE_0, request('reserved-opcode'), '?server: close *'],
        'client-close-while-connecting': ['value readyState 2', ERROR_EVENT_WITH_MESSAGE, CLOSE_0, 'value readyState 3', `?${request('client-close-while-connecting')}`, '?server: close *'],
      },
      summary: 'A failed connection closes with code 0 instead of 1006, after an ErrorEvent whose message says why (e.g. "Invalid status code: 403").',
      explanation:
        'Deno\'s WebSocket (ext/websocket, in Rust over tokio) dispatches an ErrorEvent with its error ("NetworkError: failed to connect to WebSocket: Invalid status code: 403", "Unexpected EOF", "tcp connect error"), then a CloseEvent whose code is 0: it never sets the close code RFC 6455 assigns when no Close frame was received. The standard fires a plain Event (closeWebSocket step 2), conveys no failure information to scripts (¶11), and closes with 1006 "in all of these cases" (¶13; RFC 6455 §7.1.5). 0 is not a close code at all (§7.4.2: 0–999 "are not used").',
      clauses: ['whatwg#closeWebSocket-step-2', 'whatwg#feedback-from-the-protocol-11', 'whatwg#feedback-from-the-protocol-13', 'whatwg#closeWebSocket-step-3', 'rfc6455#section-7.1.5-1'],
    },
    {
      runs: {
        'wrong-accept': openedAnyway('wrong-accept'),
        'subprotocol-not-offered': openedAnyway('subprotocol-not-offered'),
        'subprotocol-not-selected': openedAnyway('subprotocol-not-selected', 'chat'),
        'extension-not-offered': openedAnyway('extension-not-offered'),
      },
      summary: 'Deno opens a connection whose 101 response it should have refused (a wrong Sec-WebSocket-Accept, a subprotocol or an extension not offered, no subprotocol selected).',
      explanation:
        'RFC 6455 §4.1 lists what the client MUST check in the server\'s response, each ending "the client MUST _Fail the WebSocket Connection_"; the WHATWG steps add the missing subprotocol (11.2). Deno\'s client does not reject these responses: the script gets open on a connection the standard never establishes.',
      clauses: ['rfc6455#section-4.1-8.4', 'rfc6455#section-4.1-8.5', 'rfc6455#section-4.1-8.6', 'whatwg#concept-websocket-establish-step-11.2', 'whatwg#concept-websocket-establish-step-11.3', 'whatwg#closeWebSocket-step-2'],
      links: [{ label: 'Deno ext/websocket', url: DENO_WEBSOCKET }],
    },
    {
      runs: {
        'masked-frame': [
          OPEN,
          'event message MessageEvent readyState=1 data="lcpodf" lastEventId="" origin="ws://127.0.0.1:PORT/s/masked-frame" ports="⟨Array length=0⟩" source=null',
          TIMEOUT,
          request('masked-frame'),
          CLIENT_CLOSE,
        ],
      },
      summary: 'Deno accepts a masked frame from the server and delivers its payload still masked ("lcpodf" for "masked").',
      explanation: 'RFC 6455 §5.1: "A client MUST close a connection if it detects a masked frame". Deno neither fails the connection nor unmasks: the script gets the masked bytes as text.',
      clauses: ['rfc6455#section-5.1-1', 'whatwg#closeWebSocket-step-2'],
      links: [{ label: 'Deno ext/websocket', url: DENO_WEBSOCKET }],
    },
    {
      runs: Object.fromEntries(
        ['server-ping', 'send-before-open', 'send-4mib', 'message-text', 'binarytype-blob-default', 'binarytype-arraybuffer', 'binarytype-switch-in-handler', 'binarytype-invalid-value'].map((id) => [
          id,
          expectedWith(id, [['origin="ws://127.0.0.1:PORT"', `origin="ws://127.0.0.1:PORT/s/${id}"`]]),
        ]),
      ),
      summary: 'MessageEvent.origin is the whole URL (with its path) instead of the URL\'s origin.',
      explanation:
        'The message event\'s origin attribute is "the serialization of the WebSocket object\'s url\'s origin" (ws://127.0.0.1:PORT). Deno initializes it with the URL itself (ws://127.0.0.1:PORT/s/message-text): a script comparing origins sees a value no origin has.',
      clauses: ['whatwg#handle-a-websocket-message-step-3'],
    },
    {
      runs: {
        'send-types': expectedWith('send-types', [
          ['origin="ws://127.0.0.1:PORT"', 'origin="ws://127.0.0.1:PORT/s/send-types"'],
          ['value bufferedAmount 14', 'value bufferedAmount 11'],
        ]),
      },
      summary: 'bufferedAmount leaves out the Blob (11 instead of 14); MessageEvent.origin is the whole URL.',
      explanation:
        'Deno counts a Blob only once it has been read, after the task that called send(); the standard counts it at once (send step 2: "increase the bufferedAmount attribute by the size of the Blob object\'s raw data"). The origin is the URL, as in every Deno message.',
      clauses: ['whatwg#dom-websocket-bufferedamount', 'whatwg#handle-a-websocket-message-step-3'],
    },
    {
      runs: { 'send-after-close': SEND_AFTER_CLOSE_UNCOUNTED },
      summary: 'send() once closing or closed does not increase bufferedAmount (0 instead of 4, then 7).',
      explanation: 'As undici: the data is dropped before it is counted. The standard makes every send() that does not throw increase bufferedAmount, sent or not.',
      clauses: ['whatwg#dom-websocket-send-step-2-2.1-2', 'whatwg#interface-definition-7.6-3'],
    },
    caseInsensitiveSubprotocols('Deno', 'As undici and Bun. The standard says "occur more than once" without a case-insensitive comparison (whatwg/websockets#47, open).'),
    {
      runs: { 'client-close-reason-without-code': [OPEN, 'event close CloseEvent readyState=3 code=1002 reason="invalid close code" wasClean=true', request('client-close-reason-without-code'), 'server: error WS_ERR_INVALID_CLOSE_CODE'] },
      summary: 'close(undefined, "bye") sends a Close frame with an invalid code; the server answers 1002.',
      explanation:
        'The standard\'s close() with a reason and no code leaves the frame\'s content open (a Close body must start with a code), but RFC 6455 §5.5.1 requires a body to start with a valid 2-byte code. Deno sends a body our server rejects as an invalid close code (WS_ERR_INVALID_CLOSE_CODE); the server fails the connection with 1002, which the script sees.',
      clauses: ['rfc6455#section-5.5.1-2', 'whatwg#dom-websocket-close-step-3-2.3-6'],
      links: [{ label: 'Deno ext/websocket/01_websocket.js (close)', url: DENO_WEBSOCKET }],
    },
  ]),
];
