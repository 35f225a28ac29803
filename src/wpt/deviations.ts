/**
 * Where our class deliberately does not do what a web-platform-test
 * expects: the subtest, the clause it concerns (quoted), and why. Shown on
 * the clause's page under its WPT results; test/wpt/wpt.test.ts accepts a
 * failure of ours only when it is listed here.
 */

export interface WptDeviation {
  /** The test URL, e.g. `/websockets/basic-auth.any.html?wss`, or its file for every variant. */
  test: string;
  /** The subtest's name. */
  subtest: string;
  /** The clause the behaviour concerns. */
  clause: string;
  /** The clause's words that decide it. */
  quote: string;
  why: string;
}

const IDL_CONSTRUCTOR = 'constructor(USVString url, optional (DOMString or sequence<DOMString>) protocols = []);';

export const WPT_DEVIATIONS: readonly WptDeviation[] = [
  {
    test: 'websockets/Create-protocols-repeated-case-insensitive.any.js',
    subtest: 'Create WebSocket - Pass a valid URL and an array of protocol strings with repeated values but different case - SYNTAX_ERR is thrown',
    clause: 'whatwg#dom-websocket-websocket-step-9',
    quote: 'If any of the values in protocols occur more than once',
    why: 'Step 9 compares the strings as they are: "echo" and "eCho" are two values, and nothing in the step folds case. No browser throws here either, and the editor found no rule for it (whatwg/websockets#47); we follow the text.',
  },
  {
    test: 'websockets/basic-auth.any.js',
    subtest: 'HTTP basic authentication should work with WebSockets',
    clause: 'whatwg#concept-websocket-establish-step-2',
    quote: 'Let request be a new request, whose URL is requestURL, client is client, service-workers mode is "none", referrer is "no-referrer", mode is "websocket", credentials mode is "include", cache mode is "no-store" , and redirect mode is "error".',
    why: "The request does not set Fetch's use-URL-credentials flag, so Fetch sends a URL's credentials only on an authentication fetch after a 401, which asks for a second connection; this class has no HTTP authentication cache and makes no second attempt. Browsers send the URL's credentials on the first request.",
  },
  ...['Empty option bag should be accepted', 'Option bag with protocols array should be accepted'].map((subtest) => ({
    test: 'websockets/constructor/option-bag.any.js',
    subtest,
    clause: 'whatwg#interface-definition-2',
    quote: IDL_CONSTRUCTOR,
    why: 'The option bag (WebSocketInit) came after the text this site traces (2025-07-14). By that IDL, an object without @@iterator converts to the DOMString "[object Object]", which step 9 rejects with a SyntaxError.',
  })),
  ...[
    "WebSocket constructor with matching targetAddressSpace 'loopback' succeeds",
    "WebSocket constructor with targetAddressSpace 'private' throws TypeError as it is an unsupported legacy alias",
    "WebSocket constructor with mismatched targetAddressSpace 'local' fails connection",
    "WebSocket constructor with mismatched targetAddressSpace 'public' fails connection",
    "WebSocket constructor with targetAddressSpace 'unknown' throws TypeError",
    'WebSocket constructor with invalid targetAddressSpace throws TypeError',
  ].map((subtest) => ({
    test: 'websockets/constructor/target-address-space.any.js',
    subtest,
    clause: 'whatwg#interface-definition-2',
    quote: IDL_CONSTRUCTOR,
    why: "targetAddressSpace belongs to Local Network Access and the option bag, neither in the text this site traces: by its IDL the object converts to the DOMString \"[object Object]\", which step 9 rejects with a SyntaxError.",
  })),
  {
    test: 'websockets/mixed-content.https.any.js',
    subtest: 'constructing an insecure WebSocket in a secure context should throw',
    clause: 'whatwg#dom-websocket-websocket-step-6',
    quote: 'If urlRecord\'s scheme is not "ws" or "wss", then throw a "SyntaxError" DOMException.',
    why: 'The constructor steps throw only SyntaxError; mixed-content blocking belongs to Fetch and Mixed Content, outside this class (see src/api/websocket.ts), so a ws: URL from an https page connects.',
  },
];

/** The deviation that explains a failure of ours in `test` (URL) / `subtest`, if any. */
export function deviationFor(testUrl: string, file: string, subtest: string): WptDeviation | undefined {
  return WPT_DEVIATIONS.find((deviation) => (deviation.test === testUrl || deviation.test === file) && deviation.subtest === subtest);
}
