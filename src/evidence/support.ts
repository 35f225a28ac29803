/**
 * Why each clause is named on an expected line: the words of the clause
 * that support the line (checked against the clause's text by
 * test/scenarios/support.test.ts), and which parts of a line the clause
 * governs, so that a difference is charged only to the clauses that
 * govern what differs (attribution.ts):
 *
 *   presence    that the line happens at all, in its place
 *   class       the event's interface (Event, CloseEvent, MessageEvent…) and the fields it brings
 *   information whether an extra field tells the script something (a status, a cause)
 *   readyState, code, reason, wasClean, data, origin   the event's values of that name
 *   value       an attribute's value; name  an exception's name; body  what a server line carries
 *
 * `reading` records the reasoning where the words alone do not make the
 * line obvious.
 */

export type Aspect = 'presence' | 'class' | 'information' | 'readyState' | 'code' | 'reason' | 'wasClean' | 'data' | 'origin' | 'value' | 'name' | 'body';

export interface Support {
  /** Words of the clause (exact, or with … between parts in order). */
  words: string;
  governs: readonly Aspect[];
  reading?: string;
}

// A rule that fails the connection requires that the error and close events happen; their values are other clauses' business.
const FAIL: readonly Aspect[] = ['presence'];

export const SUPPORT: Readonly<Record<string, Support>> = {
  // ── RFC 6455: what fails the connection (an error event, then close 1006, not clean) ──
  'rfc6455#section-4.1-4.4': { words: 'the client MUST _Fail the WebSocket Connection_ and abort the connection attempt', governs: FAIL },
  'rfc6455#section-4.1-4.5.1': { words: 'the client MUST perform a TLS handshake over the connection', governs: ['presence'] },
  'rfc6455#section-4.1-5': { words: 'the client MUST send an opening handshake to the server', governs: ['presence', 'body'] },
  'rfc6455#section-4.1-8.2': { words: 'If the response lacks an |Upgrade| header field … the client MUST _Fail the WebSocket Connection_', governs: FAIL },
  'rfc6455#section-4.1-8.4': { words: 'If the response lacks a |Sec-WebSocket-Accept| header field or the |Sec-WebSocket-Accept| contains a value other than … the client MUST _Fail the WebSocket Connection_', governs: FAIL },
  'rfc6455#section-4.1-8.5': { words: 'indicates the use of an extension that was not present in the client\'s handshake … the client MUST _Fail the WebSocket Connection_', governs: FAIL },
  'rfc6455#section-4.1-8.6': { words: 'indicates the use of a subprotocol that was not present in the client\'s handshake … the client MUST _Fail the WebSocket Connection_', governs: FAIL },
  'rfc6455#section-5.1-1': {
    words: 'a client MUST mask all frames that it sends to the server',
    governs: FAIL,
    reading:
      'The rule that a server MUST NOT mask, and that a client MUST close the connection on a masked frame, is in the paragraph that follows (§5.1 ¶2); this paragraph is the masking rule the scenario is about. It governs only that the connection fails, never how the error event is shaped.',
  },
  'rfc6455#section-5.2-3.3.1': { words: 'If an unknown opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_', governs: FAIL },
  'rfc6455#section-5.2-3.5': { words: 'The length of the "Payload data", in bytes', governs: ['presence', 'body'] },
  'rfc6455#section-5.5.1-5': { words: 'If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST send a Close frame in response', governs: ['presence'] },
  'rfc6455#section-5.5.2-3': { words: 'Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response', governs: ['presence'] },
  'rfc6455#section-5.5.3-3': { words: 'must have identical "Application data" as found in the message body of the Ping frame', governs: ['body'] },
  'rfc6455#section-7.1.4-1': { words: 'If the TCP connection was closed after the WebSocket closing handshake was completed, the WebSocket connection is said to have been closed _cleanly_', governs: ['wasClean'] },
  'rfc6455#section-7.1.5-1': {
    words: 'If this Close control frame contains no status code, _The WebSocket Connection Close Code_ is considered to be 1005. If _The WebSocket Connection is Closed_ and no Close control frame was received by the endpoint (such as could occur if the underlying transport connection is lost), _The WebSocket Connection Close Code_ is considered to be 1006',
    governs: ['code'],
    reading: 'It names the close code only (the code of the first Close frame, 1005 without one, 1006 with none received); whether the connection failed is for §7.2.1 and the steps that cite it.',
  },
  'rfc6455#section-7.1.6-1': { words: '_The WebSocket Connection Close Reason_ is defined as', governs: ['reason'] },
  'rfc6455#section-7.1.7-2': {
    words: 'the endpoint SHOULD send a Close frame with an appropriate status code (Section 7.4) before proceeding to _Close the WebSocket Connection_',
    governs: ['presence'],
    reading:
      'A SHOULD, so the Close frame line is optional; "an appropriate status code" names none, and §7.4.1 says endpoints MAY use its codes: 1002 (protocol error) is as appropriate to invalid UTF-8 as the more specific 1007. The code is not charged to this clause.',
  },
  'rfc6455#section-7.2.1-2': {
    words: 'If at any point the underlying transport layer connection is unexpectedly lost, the client MUST _Fail the WebSocket Connection_',
    governs: FAIL,
    reading:
      'A TCP FIN or RST after the handshake, with no Close frame, is the transport lost; nothing in the RFC makes a peer\'s FIN "expected" before a closing handshake, so the client fails the connection (§7.1.5 ¶1 itself gives 1006 "if the underlying transport connection is lost"). "Unexpectedly" leaves open only a loss the client caused or awaited, such as the TCP close after its own Close frame.',
  },
  'rfc6455#section-7.4.1-2.8': {
    words: '1007 indicates that an endpoint is terminating the connection because it has received data within a message that was not consistent with the type of the message',
    governs: [],
    reading: 'Names the most specific code for invalid UTF-8; §7.4.1 ¶1 says endpoints "MAY use" these codes, so another appropriate code (1002) conforms. Cited, never charged.',
  },
  'rfc6455#section-8.1-1': { words: 'finds that the byte stream is not, in fact, a valid UTF-8 stream, that endpoint MUST _Fail the WebSocket Connection_', governs: FAIL },

  // ── The WebSocket API (WHATWG; one W3C step kept for its history) ──
  'w3c#dom-websocket-step-8-2': { words: 'if the status code received from the server is not 101 (e.g. it is a redirect), the user agent must fail the WebSocket connection', governs: FAIL },
  'whatwg#closeWebSocket-step-1': { words: 'Change the ready state to CLOSED (3)', governs: ['readyState', 'value'] },
  'whatwg#closeWebSocket-step-2': {
    words: 'If the user agent was required to fail the WebSocket connection … fire an event named error at the WebSocket object',
    governs: ['presence', 'class'],
    reading: '"Fire an event named error" without an interface fires an Event (DOM\'s fire an event): an ErrorEvent is a different class with fields of its own.',
  },
  'whatwg#closeWebSocket-step-3': {
    words: 'Fire an event named close at the WebSocket object, using CloseEvent, with the wasClean attribute initialized to true if the connection closed cleanly and false otherwise, the code attribute initialized to the WebSocket connection close code',
    governs: ['presence', 'class', 'code', 'reason', 'wasClean'],
  },
  'whatwg#concept-websocket-establish-step-11.1': { words: 'If response is a network error or its status is not 101, fail the WebSocket connection', governs: FAIL },
  'whatwg#concept-websocket-establish-step-11.2': { words: 'results in null, failure, or the empty byte sequence, then fail the WebSocket connection', governs: FAIL },
  'whatwg#concept-websocket-establish-step-11.3': { words: 'This either results in fail the WebSocket connection or the WebSocket connection is established', governs: FAIL },
  'whatwg#concept-websocket-establish-step-2': { words: 'redirect mode is "error"', governs: FAIL, reading: 'A redirect with redirect mode "error" is a network error (Fetch), so step 11.1 fails the connection and the Location is never requested.' },
  'whatwg#dom-binarytype-arraybuffer-2': { words: 'a new ArrayBuffer object', governs: ['data'] },
  'whatwg#dom-binarytype-blob-2': { words: 'a new Blob object', governs: ['data'] },
  'whatwg#dom-websocket-bufferedamount': { words: 'return the number of bytes of application data (UTF-8 text and binary data) that have been queued using send() but that', governs: ['value'] },
  'whatwg#dom-websocket-close-step-1': { words: 'If code is present, but is neither an integer equal to 1000 nor an integer in the range 3000 to 4999, inclusive, throw an "InvalidAccessError" DOMException', governs: ['presence', 'name'] },
  'whatwg#dom-websocket-close-step-2.1': { words: 'Let reasonBytes be the result of encoding reason', governs: ['presence', 'name'] },
  'whatwg#dom-websocket-close-step-2.2': { words: 'If reasonBytes is longer than 123 bytes, then throw a "SyntaxError" DOMException', governs: ['presence', 'name'] },
  'whatwg#dom-websocket-close-step-3-2.1-2': { words: 'Do nothing', governs: ['body'] },
  'whatwg#dom-websocket-close-step-3-2.2-2': { words: 'Fail the WebSocket connection and set this\'s ready state to CLOSING (2)', governs: ['presence', 'value'] },
  'whatwg#dom-websocket-close-step-3-2.3-2': { words: 'set this\'s ready state to CLOSING (2)', governs: ['value'] },
  'whatwg#dom-websocket-close-step-3-2.3-3': { words: 'If neither code nor reason is present, the WebSocket Close message must not have a body', governs: ['body', 'code'], reading: 'A Close frame without a body makes the close code 1005 on both ends (RFC 6455 §7.1.5).' },
  'whatwg#dom-websocket-close-step-3-2.3-5': { words: 'If code is present, then the status code to use in the WebSocket Close message must be the integer given by code', governs: ['body', 'code'] },
  'whatwg#dom-websocket-close-step-3-2.3-6': { words: 'If reason is also present, then reasonBytes must be provided in the Close message after the status code', governs: ['body'] },
  'whatwg#dom-websocket-extensions': { words: 'The extensions attribute must initially return the empty string', governs: ['value'] },
  'whatwg#dom-websocket-protocol': { words: 'The protocol attribute must initially return the empty string', governs: ['value'] },
  'whatwg#dom-websocket-send-step-1': { words: 'If this\'s ready state is CONNECTING, then throw an "InvalidStateError" DOMException', governs: ['presence', 'name', 'value'] },
  'whatwg#dom-websocket-send-step-2-2.1-2': { words: 'the user agent must send a WebSocket Message comprised of the data argument using a text frame opcode', governs: ['presence', 'body', 'value'] },
  'whatwg#dom-websocket-send-step-2-2.2-2': { words: 'send a WebSocket Message comprised of data using a binary frame opcode', governs: ['presence', 'body'] },
  'whatwg#dom-websocket-send-step-2-2.3-2': { words: 'send a WebSocket Message comprised of data using a binary frame opcode', governs: ['presence', 'body'] },
  'whatwg#dom-websocket-send-step-2-2.4-2': { words: 'send a WebSocket Message comprised of data using a binary frame opcode', governs: ['presence', 'body', 'value'] },
  'whatwg#dom-websocket-url': { words: 'The url getter steps are to return this\'s url, serialized', governs: ['value'] },
  'whatwg#dom-websocket-websocket-step-3': { words: 'If urlRecord is failure, then throw a "SyntaxError" DOMException', governs: ['presence', 'name'] },
  'whatwg#dom-websocket-websocket-step-4': { words: 'If urlRecord\'s scheme is "http", then set urlRecord\'s scheme to "ws"', governs: ['value'] },
  'whatwg#dom-websocket-websocket-step-5': { words: 'if urlRecord\'s scheme is "https", set urlRecord\'s scheme to "wss"', governs: ['value'] },
  'whatwg#dom-websocket-websocket-step-6': { words: 'If urlRecord\'s scheme is not "ws" or "wss", then throw a "SyntaxError" DOMException', governs: ['presence', 'name'] },
  'whatwg#dom-websocket-websocket-step-7': { words: 'If urlRecord\'s fragment is non-null, then throw a "SyntaxError" DOMException', governs: ['presence', 'name'] },
  'whatwg#dom-websocket-websocket-step-8': { words: 'If protocols is a string, set protocols to a sequence consisting of just that string', governs: ['value'] },
  'whatwg#dom-websocket-websocket-step-9': { words: 'If any of the values in protocols occur more than once or otherwise fail to match the requirements … then throw a "SyntaxError" DOMException', governs: ['presence', 'name'] },
  'whatwg#feedback-from-the-protocol-1': { words: 'When the WebSocket connection is established, the user agent must queue a task to run these steps', governs: ['presence'] },
  'whatwg#feedback-from-the-protocol-11': {
    words: 'User agents must not convey any failure information to scripts in a way that would allow a script to distinguish the following situations',
    governs: ['information'],
    reading: 'Charged only when a field the script can read carries information (a status, a cause in words); an empty message on another event class tells the script nothing.',
  },
  'whatwg#feedback-from-the-protocol-12.3': { words: 'A server that refused the connection on the specified port', governs: ['information'] },
  'whatwg#feedback-from-the-protocol-12.4': { words: 'A server that failed to correctly perform a TLS handshake', governs: ['information'] },
  'whatwg#feedback-from-the-protocol-12.6': { words: 'A WebSocket server that sent a correct opening handshake, but that specified options that caused the client to drop the connection', governs: ['information'] },
  'whatwg#feedback-from-the-protocol-12.7': {
    words: 'A WebSocket server that abruptly closed the connection after successfully completing the opening handshake',
    governs: ['information', 'code'],
    reading: 'Listed among the failures a script must not tell apart: the API counts an abrupt close after the handshake as a failure, with close code 1006 (¶13).',
  },
  'whatwg#feedback-from-the-protocol-13': { words: 'In all of these cases, the WebSocket connection close code would be 1006', governs: ['code'] },
  'whatwg#handle-a-websocket-message-step-2': { words: 'Let dataForEvent be determined by switching on type and binary type', governs: ['data'] },
  'whatwg#handle-a-websocket-message-step-2-2.1-2': { words: 'a new DOMString containing data', governs: ['data'] },
  'whatwg#handle-a-websocket-message-step-3': {
    words: 'Fire an event named message at the WebSocket object, using MessageEvent, with the origin attribute initialized to the serialization of the WebSocket object\'s url\'s origin, and the data attribute initialized to dataForEvent',
    governs: ['presence', 'class', 'origin', 'data'],
  },
  'whatwg#handle-connection-establishment-step-1': { words: 'Change the ready state to OPEN (1)', governs: ['readyState', 'value'] },
  'whatwg#handle-connection-establishment-step-2': { words: 'Change the extensions attribute\'s value to the extensions in use, if it is not the null value', governs: ['value'] },
  'whatwg#handle-connection-establishment-step-3': { words: 'Change the protocol attribute\'s value to the subprotocol in use, if it is not the null value', governs: ['value'] },
  'whatwg#handle-connection-establishment-step-4': { words: 'Fire an event named open at the WebSocket object', governs: ['presence', 'class'] },
  'whatwg#interface-definition-2': {
    words: 'undefined close(optional [Clamp] unsigned short code, optional USVString reason)',
    governs: ['value', 'body', 'code'],
    reading: 'The IDL: [Clamp] rounds a close code to the nearest integer (Web IDL), and binaryType is an enumeration, so assigning any other string is ignored.',
  },
  'whatwg#interface-definition-20': { words: 'The binaryType setter steps are to set this\'s binary type to the given value', governs: ['value'] },
  'whatwg#interface-definition-21': { words: 'User agents can use the binary type as a hint for how to handle incoming binary data', governs: ['data'], reading: 'The binary type is read when the message task runs, so a switch made while handling one message applies to the next.' },
  'whatwg#interface-definition-7.6-3': { words: 'If the WebSocket connection is closed, this attribute\'s value will only increase with each call to the send() method', governs: ['value'] },
  'whatwg#ping-and-pong-frames-1': { words: 'These are not currently exposed in the API', governs: ['presence'] },
  'whatwg#websocket-binary-type': { words: 'Initially it must be "blob"', governs: ['value'] },
  'whatwg#websocket-ready-state': { words: 'Initially it must be CONNECTING (0)', governs: ['value'] },
};

/** The aspects a clause governs on an expected line (every aspect when it has no support entry). */
export function governs(clause: string): readonly Aspect[] | 'all' {
  return SUPPORT[clause]?.governs ?? 'all';
}
