/**
 * Which clauses each WPT `websockets/` test file exercises: the link from
 * the standard's own tests to the clause pages. Written from reading each
 * test (what it asserts, and through which handler); every ID is checked
 * against the corpus by test/wpt/clauses.test.ts, as annotations are.
 *
 * A section ID (`rfc6455#section-5.5.1`) stands for the clauses directly in
 * that section, as in annotations. WebSocketStream (`stream/tentative/`) is
 * not in the WebSockets Standard: its files name the RFC 6455 behaviour
 * they observe through it.
 */

export type ClauseId = `${'rfc6455' | 'whatwg' | 'w3c'}#${string}`;

// ─── Groups used by many files ────────────────────────────────────────────

const CTOR = ['whatwg#dom-websocket-websocket'] as const;
const CTOR_URL = ['whatwg#dom-websocket-websocket-step-1', 'whatwg#dom-websocket-websocket-step-2', 'whatwg#dom-websocket-websocket-step-3'] as const;
const CTOR_SCHEME = ['whatwg#dom-websocket-websocket-step-4', 'whatwg#dom-websocket-websocket-step-5', 'whatwg#dom-websocket-websocket-step-6'] as const;
const CTOR_PROTOCOLS = ['whatwg#dom-websocket-websocket-step-8', 'whatwg#dom-websocket-websocket-step-9', 'rfc6455#section-4.1-6.10'] as const;
const OPEN = ['whatwg#feedback-from-the-protocol-1', 'whatwg#handle-connection-establishment-step-1', 'whatwg#handle-connection-establishment-step-4'] as const;
const CLOSED = ['whatwg#closeWebSocket', 'whatwg#closeWebSocket-step-1', 'whatwg#closeWebSocket-step-3'] as const;
const CLOSE_METHOD = ['whatwg#dom-websocket-close', 'whatwg#dom-websocket-close-step-3-2.3', 'whatwg#dom-websocket-close-step-3-2.3-2'] as const;
const CLOSE_CODE_SENT = ['whatwg#dom-websocket-close-step-3-2.3-5', 'whatwg#dom-websocket-close-step-3-2.3-6', 'rfc6455#section-5.5.1-2', 'rfc6455#section-7.1.2-1'] as const;
const CLEAN_CLOSE = ['rfc6455#section-5.5.1-5', 'rfc6455#section-5.5.1-6', 'rfc6455#section-7.1.5-1', 'rfc6455#section-7.1.6-1', 'whatwg#dom-closeevent-wasclean'] as const;
const CLOSE_VALIDATION = ['whatwg#dom-websocket-close-step-1', 'whatwg#dom-websocket-close-step-2', 'whatwg#dom-websocket-close-step-2.1', 'whatwg#dom-websocket-close-step-2.2'] as const;
const SEND_TEXT = ['whatwg#dom-websocket-send', 'whatwg#dom-websocket-send-step-2-2.1', 'whatwg#dom-websocket-send-step-2-2.1-2', 'rfc6455#section-5.6-3.1', 'rfc6455#section-6.1-2.3'] as const;
const SEND_BUFFER = ['whatwg#dom-websocket-send', 'whatwg#dom-websocket-send-step-2-2.3', 'whatwg#dom-websocket-send-step-2-2.3-2', 'rfc6455#section-5.6-3.2'] as const;
const SEND_VIEW = ['whatwg#dom-websocket-send', 'whatwg#dom-websocket-send-step-2-2.4', 'whatwg#dom-websocket-send-step-2-2.4-2', 'rfc6455#section-5.6-3.2'] as const;
const SEND_BLOB = ['whatwg#dom-websocket-send', 'whatwg#dom-websocket-send-step-2-2.2', 'whatwg#dom-websocket-send-step-2-2.2-2', 'rfc6455#section-5.6-3.2'] as const;
const RECEIVE_TEXT = ['whatwg#feedback-from-the-protocol-4', 'whatwg#handle-a-websocket-message-step-2-2.1', 'whatwg#handle-a-websocket-message-step-3'] as const;
const RECEIVE_BUFFER = ['whatwg#feedback-from-the-protocol-4', 'whatwg#dom-binarytype-arraybuffer', 'whatwg#dom-binarytype-arraybuffer-2', 'whatwg#handle-a-websocket-message-step-3'] as const;
const RECEIVE_BLOB = ['whatwg#feedback-from-the-protocol-4', 'whatwg#dom-binarytype-blob', 'whatwg#dom-binarytype-blob-2', 'whatwg#handle-a-websocket-message-step-3'] as const;
const FAIL = ['whatwg#closeWebSocket-step-2', 'whatwg#feedback-from-the-protocol-11', 'whatwg#feedback-from-the-protocol-13', 'rfc6455#section-7.1.7-1'] as const;
const HANDSHAKE_RESPONSE = ['whatwg#concept-websocket-establish-step-11.3', 'rfc6455#section-4.1-7'] as const;
const BUFFERED = ['whatwg#dom-websocket-bufferedamount', 'whatwg#interface-definition-7.6-2'] as const;
const HANDLERS = ['whatwg#interface-definition-24', 'whatwg#interface-definition-25'] as const;
const IDL = ['whatwg#interface-definition-2'] as const;
const CONSTANTS = ['whatwg#interface-definition-2', 'whatwg#dom-websocket-connecting', 'whatwg#dom-websocket-open', 'whatwg#dom-websocket-closing', 'whatwg#dom-websocket-closed'] as const;
const UNLOAD = ['whatwg#make-disappear', 'whatwg#garbage-collection-7.1', 'whatwg#garbage-collection-7.2', 'whatwg#garbage-collection-7.2-2'] as const;
const COOKIES = ['whatwg#concept-websocket-establish-step-2', 'rfc6455#section-4.1-6.12', 'rfc6455#section-1.3-23'] as const;
const STREAM_CLOSE = ['rfc6455#section-5.5.1-2', 'rfc6455#section-7.1.5-1', 'rfc6455#section-7.1.6-1'] as const;

const list = (...groups: ReadonlyArray<readonly ClauseId[] | ClauseId>): readonly ClauseId[] => [...new Set(groups.flat())];

/** Test file (relative to the suite root) → the clauses it exercises. */
export const WPT_CLAUSES: Readonly<Record<string, readonly ClauseId[]>> = {
  // Closing, code and reason (Close-*.any.js)
  'websockets/Close-1000-reason.any.js': list(CLOSE_METHOD, CLOSE_CODE_SENT, CLEAN_CLOSE, CLOSED),
  'websockets/Close-1000-verify-code.any.js': list(CLOSE_METHOD, CLOSE_CODE_SENT, 'rfc6455#section-7.4.1-2.1', 'whatwg#dom-closeevent-code', CLOSED),
  'websockets/Close-1000.any.js': list(CLOSE_METHOD, CLOSE_CODE_SENT, CLEAN_CLOSE, CLOSED),
  'websockets/Close-1005-verify-code.any.js': list(CLOSE_METHOD, 'whatwg#dom-websocket-close-step-3-2.3-3', 'rfc6455#section-7.1.5-1', 'rfc6455#section-7.4.1-2.6', 'whatwg#dom-closeevent-code'),
  'websockets/Close-1005.any.js': list(CLOSE_VALIDATION, 'whatwg#dom-websocket-close-step-1'),
  'websockets/Close-2999-reason.any.js': list('whatwg#dom-websocket-close-step-1'),
  'websockets/Close-3000-reason.any.js': list(CLOSE_METHOD, CLOSE_CODE_SENT, CLEAN_CLOSE, CLOSED),
  'websockets/Close-3000-verify-code.any.js': list(CLOSE_METHOD, CLOSE_CODE_SENT, 'whatwg#dom-closeevent-code', CLOSED),
  'websockets/Close-4999-reason.any.js': list('whatwg#dom-websocket-close-step-1'),
  'websockets/Close-Reason-124Bytes.any.js': list('whatwg#dom-websocket-close-step-2', 'whatwg#dom-websocket-close-step-2.1', 'whatwg#dom-websocket-close-step-2.2', 'rfc6455#section-5.5-3'),
  'websockets/Close-delayed.any.js': list(CLOSE_METHOD, 'whatwg#feedback-from-the-protocol-8', 'rfc6455#section-7.1.1-2', CLOSED),
  'websockets/Close-onlyReason.any.js': list('whatwg#dom-websocket-close-step-1', 'whatwg#dom-websocket-close-step-3-2.3-3', 'whatwg#dom-websocket-close-step-3-2.3-6'),
  'websockets/Close-readyState-Closed.any.js': list(CLOSE_METHOD, CLOSED, 'whatwg#dom-websocket-readystate'),
  'websockets/Close-readyState-Closing.any.js': list(CLOSE_METHOD, 'whatwg#dom-websocket-closing', 'whatwg#dom-websocket-readystate'),
  'websockets/Close-reason-unpaired-surrogates.any.js': list(CLOSE_METHOD, 'whatwg#dom-websocket-close-step-2.1', CLOSE_CODE_SENT, 'whatwg#dom-closeevent-reason'),
  'websockets/Close-server-initiated-close.any.js': list('rfc6455#section-7.3-1', 'rfc6455#section-5.5.1-5', 'whatwg#feedback-from-the-protocol-8', CLOSED),
  'websockets/Close-undefined.any.js': list(CLOSE_METHOD, 'whatwg#dom-websocket-close-step-3-2.3-3'),
  'websockets/close-invalid.any.js': list('whatwg#dom-websocket-close-step-1'),

  // The constructor (Create-*.any.js)
  'websockets/Create-asciiSep-protocol-string.any.js': list(CTOR_PROTOCOLS),
  'websockets/Create-blocked-port.any.js': list(CTOR, 'whatwg#concept-websocket-establish-step-11', 'whatwg#concept-websocket-establish-step-11.1', FAIL),
  'websockets/Create-extensions-empty.any.js': list('whatwg#dom-websocket-extensions', 'whatwg#handle-connection-establishment-step-2', 'rfc6455#section-4.1-8.5'),
  'websockets/Create-http-urls.any.js': list(CTOR_SCHEME, 'whatwg#dom-websocket-url'),
  'websockets/Create-invalid-urls.any.js': list(CTOR_URL, 'whatwg#dom-websocket-websocket-step-6', 'whatwg#dom-websocket-websocket-step-7'),
  'websockets/Create-non-absolute-url.any.js': list(CTOR_URL, 'whatwg#dom-websocket-url'),
  'websockets/Create-nonAscii-protocol-string.any.js': list(CTOR_PROTOCOLS),
  'websockets/Create-on-worker-shutdown.any.js': list(CTOR, 'whatwg#dom-websocket-readystate'),
  'websockets/Create-protocol-with-space.any.js': list(CTOR_PROTOCOLS),
  'websockets/Create-protocols-repeated-case-insensitive.any.js': list(CTOR_PROTOCOLS),
  'websockets/Create-protocols-repeated.any.js': list(CTOR_PROTOCOLS),
  'websockets/Create-url-with-space.any.js': list(CTOR_URL),
  'websockets/Create-url-with-windows-1252-encoding.html': list(CTOR_URL, 'whatwg#dom-websocket-url'),
  'websockets/Create-valid-url-array-protocols.any.js': list(CTOR_PROTOCOLS, OPEN, 'whatwg#concept-websocket-establish-step-8'),
  'websockets/Create-valid-url-binaryType-blob.any.js': list('whatwg#websocket-binary-type', 'whatwg#dom-websocket-binarytype'),
  'websockets/Create-valid-url-protocol-empty.any.js': list('whatwg#dom-websocket-protocol', OPEN),
  'websockets/Create-valid-url-protocol-setCorrectly.any.js': list('whatwg#dom-websocket-protocol', 'whatwg#handle-connection-establishment-step-3', 'rfc6455#section-4.1-8.6'),
  'websockets/Create-valid-url-protocol-string.any.js': list(CTOR_PROTOCOLS, 'whatwg#handle-connection-establishment-step-3'),
  'websockets/Create-valid-url-protocol.any.js': list(CTOR_PROTOCOLS, OPEN),
  'websockets/Create-valid-url.any.js': list(CTOR, OPEN, 'whatwg#dom-websocket-readystate'),
  'websockets/constructor.any.js': list(CTOR),

  // Sending (Send-*.any.js)
  'websockets/Send-0byte-data.any.js': list(SEND_TEXT, BUFFERED, RECEIVE_TEXT),
  'websockets/Send-65K-data.any.js': list(SEND_TEXT, BUFFERED, 'rfc6455#section-5.2-3.5', RECEIVE_TEXT),
  'websockets/Send-before-open.any.js': list('whatwg#dom-websocket-send-step-1'),
  'websockets/Send-binary-65K-arraybuffer.any.js': list(SEND_BUFFER, BUFFERED, 'rfc6455#section-5.2-3.5', RECEIVE_BUFFER),
  'websockets/Send-binary-arraybuffer.any.js': list(SEND_BUFFER, BUFFERED, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-float16.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-float32.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-float64.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-int16-offset.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-int32.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-int8.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-uint16-offset-length.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-uint32-offset.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-uint8-offset-length.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-arraybufferview-uint8-offset.any.js': list(SEND_VIEW, RECEIVE_BUFFER),
  'websockets/Send-binary-blob.any.js': list(SEND_BLOB, BUFFERED, RECEIVE_BLOB),
  'websockets/Send-data.any.js': list(SEND_TEXT, BUFFERED, RECEIVE_TEXT),
  'websockets/Send-data.worker.js': list(SEND_TEXT, RECEIVE_TEXT),
  'websockets/Send-null.any.js': list(SEND_TEXT, RECEIVE_TEXT),
  'websockets/Send-paired-surrogates.any.js': list(SEND_TEXT, BUFFERED, RECEIVE_TEXT),
  'websockets/Send-unicode-data.any.js': list(SEND_TEXT, BUFFERED, RECEIVE_TEXT),
  'websockets/Send-unpaired-surrogates.any.js': list(SEND_TEXT, BUFFERED, RECEIVE_TEXT),
  'websockets/send-many-64K-messages-with-backpressure.any.js': list(SEND_BUFFER, BUFFERED, 'whatwg#interface-definition-7.6-2'),
  'websockets/send-data-isolation.sub.html': list(SEND_BUFFER, SEND_VIEW),

  // Other top-level files
  'websockets/basic-auth.any.js': list('whatwg#concept-websocket-establish-step-2', 'rfc6455#section-4.1-6.12', 'rfc6455#section-4.2.2-2.2', OPEN),
  'websockets/binaryType-wrong-value.any.js': list('whatwg#interface-definition-20', 'whatwg#websocket-binary-type'),
  'websockets/bufferedAmount-unchanged-by-sync-xhr.any.js': list(BUFFERED),
  'websockets/eventhandlers.any.js': list(HANDLERS),
  'websockets/extended-payload-length.html': list('rfc6455#section-5.2-3.5', RECEIVE_TEXT),
  'websockets/idlharness.any.js': list(IDL, 'whatwg#the-closeevent-interface-2'),
  'websockets/mixed-content.https.any.js': list(CTOR, 'whatwg#dom-websocket-websocket-step-6', 'whatwg#concept-websocket-establish-step-11'),
  'websockets/referrer.any.js': list('whatwg#concept-websocket-establish-step-2'),
  'websockets/remove-own-iframe-during-onerror.window.js': list(FAIL, 'whatwg#make-disappear'),

  // Back/forward cache (not runnable here: see applicability.ts)
  'websockets/back-forward-cache-closes-open-websocket-connection.tentative.window.js': list(UNLOAD),
  'websockets/back-forward-cache-with-closed-websocket-connection-ccns.tentative.window.js': list(UNLOAD),
  'websockets/back-forward-cache-with-closed-websocket-connection.window.js': list(UNLOAD),
  'websockets/back-forward-cache-with-open-websocket-connection-and-close-it-in-pagehide.window.js': list(UNLOAD),
  'websockets/back-forward-cache-with-open-websocket-connection-ccns.tentative.window.js': list(UNLOAD),
  'websockets/back-forward-cache-with-open-websocket-connection.window.js': list(UNLOAD),

  // binary/
  'websockets/binary/001.html': list(SEND_BLOB, RECEIVE_BLOB),
  'websockets/binary/002.html': list(SEND_BLOB, RECEIVE_BLOB),
  'websockets/binary/004.html': list(SEND_BUFFER, RECEIVE_BUFFER),
  'websockets/binary/005.html': list(SEND_BUFFER, RECEIVE_BUFFER),

  // closing-handshake/
  'websockets/closing-handshake/002.html': list('rfc6455#section-7.3-1', 'rfc6455#section-5.5.1-5', CLEAN_CLOSE, CLOSED),
  'websockets/closing-handshake/003.html': list(CLOSE_METHOD, CLEAN_CLOSE, CLOSED),
  'websockets/closing-handshake/004.html': list('rfc6455#section-5.5.1-4', 'whatwg#dom-websocket-close-step-3-2.3-2', CLOSED),

  // constructor/
  'websockets/constructor/001.html': list(CTOR),
  'websockets/constructor/004.html': list(CTOR_PROTOCOLS),
  'websockets/constructor/005.html': list(CTOR),
  'websockets/constructor/006.html': list(CTOR_URL, 'whatwg#dom-websocket-url'),
  'websockets/constructor/007.html': list(CTOR_PROTOCOLS),
  'websockets/constructor/008.html': list(CTOR, 'whatwg#concept-websocket-establish-step-11'),
  'websockets/constructor/009.html': list(CTOR_PROTOCOLS, 'whatwg#handle-connection-establishment-step-3', 'rfc6455#section-4.1-8.6'),
  'websockets/constructor/010.html': list('whatwg#concept-websocket-establish-step-11.2', 'rfc6455#section-4.1-8.6', FAIL),
  'websockets/constructor/011.html': list('whatwg#concept-websocket-establish-step-11.2', 'rfc6455#section-4.1-8.6', FAIL),
  'websockets/constructor/012.html': list('whatwg#concept-websocket-establish-step-11.2', 'whatwg#concept-websocket-establish-step-11.2-2', FAIL),
  'websockets/constructor/013.html': list(CTOR, OPEN),
  'websockets/constructor/014.html': list('rfc6455#section-4.1-4.2.1', OPEN),
  'websockets/constructor/016.html': list(CTOR_URL, 'whatwg#dom-websocket-url'),
  'websockets/constructor/017.html': list(CTOR_URL, 'whatwg#dom-websocket-url'),
  'websockets/constructor/018.html': list(CTOR_URL),
  'websockets/constructor/019.html': list(CTOR_URL, 'whatwg#dom-websocket-url'),
  'websockets/constructor/020.html': list(CTOR_URL, 'whatwg#dom-websocket-url'),
  'websockets/constructor/021.html': list(CTOR_PROTOCOLS),
  'websockets/constructor/022.html': list(CTOR_PROTOCOLS, 'whatwg#concept-websocket-establish-step-8', 'whatwg#handle-connection-establishment-step-3'),
  'websockets/constructor/option-bag.any.js': list(IDL, CTOR, CTOR_PROTOCOLS),
  'websockets/constructor/target-address-space.any.js': list(IDL, CTOR),
  'websockets/constructor/third-param-ignored.any.js': list(CTOR, CTOR_PROTOCOLS),

  // cookies/
  'websockets/cookies/001.html': list(COOKIES),
  'websockets/cookies/002.html': list(COOKIES),
  'websockets/cookies/003.html': list(COOKIES),
  'websockets/cookies/004.html': list(COOKIES),
  'websockets/cookies/005.html': list(COOKIES),
  'websockets/cookies/006.html': list(COOKIES),
  'websockets/cookies/007.html': list(COOKIES, 'whatwg#concept-websocket-establish-step-11'),
  'websockets/cookies/cross-origin-cookie-set.html': list(COOKIES),
  'websockets/cookies/third-party-cookie-accepted.https.html': list(COOKIES),

  // interfaces/CloseEvent/
  'websockets/interfaces/CloseEvent/clean-close.html': list(CLEAN_CLOSE, CLOSED),
  'websockets/interfaces/CloseEvent/constructor.html': list('whatwg#the-closeevent-interface-2', 'whatwg#dom-closeevent-wasclean', 'whatwg#dom-closeevent-code', 'whatwg#dom-closeevent-reason'),
  'websockets/interfaces/CloseEvent/historical.html': list('whatwg#the-closeevent-interface-2'),

  // interfaces/WebSocket/bufferedAmount/
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-arraybuffer.html': list(BUFFERED, 'whatwg#dom-websocket-send-step-2-2.3-2'),
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-blob.html': list(BUFFERED, 'whatwg#dom-websocket-send-step-2-2.2-2'),
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-defineProperty-getter.html': list(BUFFERED, IDL),
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-defineProperty-setter.html': list(BUFFERED, IDL),
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-deleting.html': list(BUFFERED, IDL),
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-getting.html': list(BUFFERED, 'whatwg#dom-websocket-send-step-2-2.1-2'),
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-initial.html': list(BUFFERED),
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-large.html': list(BUFFERED, 'whatwg#dom-websocket-send-step-2-2.1-2'),
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-readonly.html': list(BUFFERED, IDL),
  'websockets/interfaces/WebSocket/bufferedAmount/bufferedAmount-unicode.html': list(BUFFERED, 'whatwg#dom-websocket-send-step-2-2.1-2'),

  // interfaces/WebSocket/close/
  'websockets/interfaces/WebSocket/close/close-basic.html': list(CLOSE_METHOD, CLOSED),
  'websockets/interfaces/WebSocket/close/close-connecting-async.any.js': list('whatwg#dom-websocket-close-step-3-2.2', 'whatwg#dom-websocket-close-step-3-2.2-2', FAIL, CLOSED),
  'websockets/interfaces/WebSocket/close/close-connecting.html': list('whatwg#dom-websocket-close-step-3-2.2', 'whatwg#dom-websocket-close-step-3-2.2-2', FAIL, CLOSED),
  'websockets/interfaces/WebSocket/close/close-multiple.html': list('whatwg#dom-websocket-close-step-3-2.1', 'whatwg#dom-websocket-close-step-3-2.1-2'),
  'websockets/interfaces/WebSocket/close/close-nested.html': list('whatwg#dom-websocket-close-step-3-2.1', CLOSED),
  'websockets/interfaces/WebSocket/close/close-replace.html': list(IDL, 'whatwg#dom-websocket-close'),
  'websockets/interfaces/WebSocket/close/close-return.html': list(IDL, 'whatwg#dom-websocket-close'),

  // interfaces/WebSocket/constants/
  'websockets/interfaces/WebSocket/constants/001.html': list(CONSTANTS),
  'websockets/interfaces/WebSocket/constants/002.html': list(CONSTANTS),
  'websockets/interfaces/WebSocket/constants/003.html': list(CONSTANTS),
  'websockets/interfaces/WebSocket/constants/004.html': list(CONSTANTS),
  'websockets/interfaces/WebSocket/constants/005.html': list(CONSTANTS),
  'websockets/interfaces/WebSocket/constants/006.html': list(CONSTANTS),

  // interfaces/WebSocket/events/
  'websockets/interfaces/WebSocket/events/001.html': list(HANDLERS),
  'websockets/interfaces/WebSocket/events/002.html': list(HANDLERS),
  'websockets/interfaces/WebSocket/events/003.html': list(HANDLERS, OPEN),
  'websockets/interfaces/WebSocket/events/004.html': list(IDL),
  'websockets/interfaces/WebSocket/events/006.html': list(HANDLERS),
  'websockets/interfaces/WebSocket/events/007.html': list(HANDLERS, RECEIVE_TEXT),
  'websockets/interfaces/WebSocket/events/008.html': list(HANDLERS, FAIL),
  'websockets/interfaces/WebSocket/events/009.html': list(HANDLERS, CLOSED),
  'websockets/interfaces/WebSocket/events/010.html': list(HANDLERS),
  'websockets/interfaces/WebSocket/events/011.html': list(HANDLERS),
  'websockets/interfaces/WebSocket/events/012.html': list(HANDLERS),
  'websockets/interfaces/WebSocket/events/013.html': list(HANDLERS),
  'websockets/interfaces/WebSocket/events/014.html': list(HANDLERS),
  'websockets/interfaces/WebSocket/events/015.html': list(OPEN, RECEIVE_TEXT, CLOSED, 'whatwg#the-closeevent-interface-1'),
  'websockets/interfaces/WebSocket/events/016.html': list(OPEN, RECEIVE_TEXT, CLOSED),
  'websockets/interfaces/WebSocket/events/017.html': list(OPEN, RECEIVE_TEXT, CLOSED),
  'websockets/interfaces/WebSocket/events/018.html': list(OPEN, RECEIVE_TEXT, CLOSED),
  'websockets/interfaces/WebSocket/events/019.html': list(OPEN),
  'websockets/interfaces/WebSocket/events/020.html': list(FAIL, 'whatwg#feedback-from-the-protocol-12.5'),

  // interfaces/WebSocket/ attributes
  'websockets/interfaces/WebSocket/extensions/001.html': list('whatwg#dom-websocket-extensions'),
  'websockets/interfaces/WebSocket/protocol/protocol-initial.html': list('whatwg#dom-websocket-protocol'),
  'websockets/interfaces/WebSocket/readyState/001.html': list('whatwg#websocket-ready-state', 'whatwg#dom-websocket-readystate', 'whatwg#dom-websocket-connecting'),
  'websockets/interfaces/WebSocket/readyState/002.html': list('whatwg#dom-websocket-readystate', IDL),
  'websockets/interfaces/WebSocket/readyState/003.html': list('whatwg#dom-websocket-readystate', IDL),
  'websockets/interfaces/WebSocket/readyState/004.html': list('whatwg#dom-websocket-readystate', IDL),
  'websockets/interfaces/WebSocket/readyState/005.html': list('whatwg#dom-websocket-readystate', IDL),
  'websockets/interfaces/WebSocket/readyState/006.html': list('whatwg#dom-websocket-readystate', 'whatwg#handle-connection-establishment-step-1', 'whatwg#dom-websocket-open'),
  'websockets/interfaces/WebSocket/readyState/007.html': list('whatwg#dom-websocket-readystate', 'whatwg#dom-websocket-close-step-3-2.3-2', 'whatwg#dom-websocket-closing'),
  'websockets/interfaces/WebSocket/readyState/008.html': list('whatwg#dom-websocket-readystate', 'whatwg#closeWebSocket-step-1', 'whatwg#dom-websocket-closed'),
  'websockets/interfaces/WebSocket/send/001.html': list('whatwg#dom-websocket-send', IDL),
  'websockets/interfaces/WebSocket/send/002.html': list('whatwg#dom-websocket-send', IDL),
  'websockets/interfaces/WebSocket/send/003.html': list('whatwg#dom-websocket-send-step-1'),
  'websockets/interfaces/WebSocket/send/004.html': list('whatwg#dom-websocket-send-step-1'),
  'websockets/interfaces/WebSocket/send/005.html': list(SEND_TEXT),
  'websockets/interfaces/WebSocket/send/006.html': list(SEND_TEXT, RECEIVE_TEXT),
  'websockets/interfaces/WebSocket/send/007.html': list('whatwg#dom-websocket-send-step-2-2.1-2', 'whatwg#interface-definition-7.6-3', 'rfc6455#section-5.5.1-4'),
  'websockets/interfaces/WebSocket/send/008.html': list('whatwg#dom-websocket-send-step-2-2.1-2', 'whatwg#interface-definition-7.6-3'),
  'websockets/interfaces/WebSocket/send/009.html': list(SEND_TEXT, RECEIVE_TEXT),
  'websockets/interfaces/WebSocket/send/010.html': list(SEND_TEXT, RECEIVE_TEXT),
  'websockets/interfaces/WebSocket/send/011.html': list(SEND_TEXT, RECEIVE_TEXT),
  'websockets/interfaces/WebSocket/send/012.html': list(SEND_TEXT, RECEIVE_TEXT),
  'websockets/interfaces/WebSocket/url/001.html': list('whatwg#dom-websocket-url', 'whatwg#websocket-internal-url'),
  'websockets/interfaces/WebSocket/url/002.html': list('whatwg#dom-websocket-url', IDL),
  'websockets/interfaces/WebSocket/url/003.html': list('whatwg#dom-websocket-url', IDL),
  'websockets/interfaces/WebSocket/url/004.html': list(IDL),
  'websockets/interfaces/WebSocket/url/005.html': list('whatwg#dom-websocket-url', IDL),
  'websockets/interfaces/WebSocket/url/006.html': list('whatwg#dom-websocket-url', IDL),
  'websockets/interfaces/WebSocket/url/resolve.html': list(CTOR_URL, 'whatwg#dom-websocket-url'),

  // keeping-connection-open/, multi-globals/, opening-handshake/, security/
  'websockets/keeping-connection-open/001.html': list(SEND_TEXT, RECEIVE_TEXT, 'whatwg#ping-and-pong-frames-2'),
  'websockets/multi-globals/message-received.html': list('whatwg#dom-binarytype-blob-2', 'whatwg#dom-binarytype-arraybuffer-2'),
  'websockets/multi-globals/url-parsing/url-parsing.html': list('whatwg#dom-websocket-websocket-step-1', 'whatwg#dom-websocket-websocket-step-2'),
  'websockets/opening-handshake/001.html': list('rfc6455#section-4.1-8.1', 'whatwg#concept-websocket-establish-step-11.1', FAIL),
  'websockets/opening-handshake/002.html': list(HANDSHAKE_RESPONSE, 'rfc6455#section-4.1-11', OPEN),
  'websockets/opening-handshake/003.html': list('rfc6455#section-4.1-6.8.1', 'whatwg#concept-websocket-establish-step-2'),
  'websockets/opening-handshake/003-sets-origin.worker.js': list('rfc6455#section-4.1-6.8.1', 'whatwg#concept-websocket-establish-step-2'),
  'websockets/opening-handshake/005.html': list(HANDSHAKE_RESPONSE, 'rfc6455#section-4.1-11', 'rfc6455#section-7.3-1', 'rfc6455#section-5.5.1-5', CLOSED),
  'websockets/opening-handshake/006.html': list('rfc6455#section-4.1-4.2.1'),
  'websockets/opening-handshake/received-301-code.html': list('whatwg#concept-websocket-establish-step-2', 'whatwg#concept-websocket-establish-step-11.1', 'rfc6455#section-4.1-8.1', FAIL),
  'websockets/security/001.html': list('rfc6455#section-4.1-8.4', FAIL),
  'websockets/security/002.html': list('whatwg#concept-websocket-establish-step-6'),

  // stream/tentative/ (WebSocketStream)
  'websockets/stream/tentative/abort.any.js': list('rfc6455#section-7.1.7-1'),
  'websockets/stream/tentative/backpressure-receive.any.js': list('rfc6455#section-6.2-1'),
  'websockets/stream/tentative/backpressure-send.any.js': list('rfc6455#section-6.1-2.7'),
  'websockets/stream/tentative/close.any.js': list(STREAM_CLOSE),
  'websockets/stream/tentative/constructor.any.js': list(CTOR_URL, 'rfc6455#section-4.1-6.10'),
  'websockets/stream/tentative/read.any.js': list('rfc6455#section-5.6-3.1', 'rfc6455#section-5.6-3.2'),
  'websockets/stream/tentative/remote-close.any.js': list(STREAM_CLOSE, 'rfc6455#section-7.1.5-2'),
  'websockets/stream/tentative/websocket-error.any.js': list('rfc6455#section-7.1.7-1'),
  'websockets/stream/tentative/write.any.js': list('rfc6455#section-6.1-2.3'),

  // unload-a-document/
  'websockets/unload-a-document/001.html': list(UNLOAD),
  'websockets/unload-a-document/002.html': list(UNLOAD),
  'websockets/unload-a-document/003.html': list(UNLOAD),
  'websockets/unload-a-document/004.html': list(UNLOAD),
  'websockets/unload-a-document/005.html': list(UNLOAD),
};

/** The clauses a test file exercises (empty for a file the table does not list; test/wpt checks there is none). */
export function clausesOf(file: string): string[] {
  return [...(WPT_CLAUSES[file] ?? [])];
}
