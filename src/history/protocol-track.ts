/**
 * The protocol track of the History issue: how RFC 6455 came to say what it
 * says, told by the hybi drafts, the two mailing-list messages the seed cites
 * and the RFC itself. Curated data, written here once for everyone.
 *
 * Rules for every event (checked by test/history/protocol-track.test.ts):
 * - the quotation is exact, short, and `verifiedFrom` says where it was
 *   checked. The hybi drafts are not in the local mirror; where their own
 *   words could not be verified, the event quotes the RFC 6455 text the rule
 *   became (`quotationSource: 'rfc6455'`, checked against the parsed RFC);
 * - dates are the drafts' publication dates, `verifiedFrom` lists the
 *   sources for them too;
 * - `section` is given only where the draft's section number is known from a
 *   source; otherwise it is null and the link has no fragment;
 * - `rfcClauses` name RFC 6455 clauses (or sections) that exist.
 */
import { hybiDraftName, hybiDraftUrl, rfc6455Url, type HistoryEvent } from './track-model.ts';

/** Sources, cited by `verifiedFrom`. */
export const SOURCES = {
  /** The seed: a Japanese blog post quoting the drafts and both mailing lists. */
  seedBlog: 'wsspec seeds/000_5a4e17698483439e.txt (blog post quoting the hybi drafts at tools.ietf.org and both mailing lists)',
  /** RFC 6455 as mirrored (read-only) and parsed by src/corpus/rfc6455. */
  rfc6455: 'https://www.rfc-editor.org/rfc/rfc6455.txt (local mirror shared/specs/rfc6455.txt)',
  /** Publication dates and per-draft change notes (issued dates of every hybi draft). */
  perlVersionTable: 'CPAN WebSocket by J. Deguest, lib/WebSocket/Version.pm ($IETF_VERSIONS issued dates; per-draft notes)',
  /** "Notes by pywebsocket developers for catching up changes on the spec". */
  pywebsocketNotes: 'pywebsocket wiki, WebSocketProtocolSpec (HyBi 04 … 17 semantic changes)',
  /** W3C WebSocket API revision index (local mirror). */
  w3cRevisionIndex:
    'shared/specs/w3c-websocket-api/index.json (r1.271 log: "this text was mysteriously removed from the RFC at some point")',
  /** Draft headers seen in stored copies of the drafts (dates). */
  hybi04Header: 'https://sandbox.ietf.org/doc/html/draft-ietf-hybi-thewebsocketprotocol-04 (header: January 11, 2011)',
  hybi05Header:
    'https://madesu.serv00.net/https-datatracker.ietf.org/doc/html/draft-ietf-hybi-thewebsocketprotocol-05 (header: February 8, 2011)',
  hybi0708Header:
    'https://tools.ietf.org/wg/hybi/draft-ietf-hybi-thewebsocketprotocol/draft-ietf-hybi-thewebsocketprotocol-08-from-07.wdiff.html (headers: April 22, 2011 → June 7, 2011)',
  hybi09Header: 'https://www.potaroo.net/ietf/all-ids/draft-ietf-hybi-thewebsocketprotocol-09.txt (header: June 13, 2011)',
  /** Section numbers of the drafts, from code that links to them. */
  sectionNumbers:
    'code comments linking draft sections: -04#section-1.3 (the GUID, CPAN WebSocket lib/WebSocket/Response.pm), -08#section-4.2 (reserved bits) and -10#section-4.2 (base framing), -13#section-5.2 and -14#section-5.2 (base framing), -06#section-7.4 and -15#section-7.4 (status codes)',
  /**
   * The version history at the top of WASD's `wsLIB.c` (a WebSocket library
   * for the WASD web server on VMS): each entry is the day that library was
   * updated for a draft, not the draft's publication date (05-FEB-2011 for
   * hybi-05, whose header says February 8). It confirms what changed in a
   * draft, and a date only where it agrees with the draft's header or the
   * issued-dates table.
   */
  wasdWsLibHistory:
    'WASD wsLIB.c version history (library updates: 05-FEB-2011 hybi-05, 25-FEB-2011 hybi-06, 13-JUN-2011 hybi-09, 11-JUL-2011 hybi-10)',
  /** The close codes of the last drafts (§7.4.1 of -13 to -17: 1000 to 1010), compared with RFC 6455 §7.4.1. */
  closeCodesAfterDrafts:
    'draft-ietf-hybi-thewebsocketprotocol-17 §7.4.1 (codes 1000 to 1010) against RFC 6455 §7.4.1 (1011 and 1015 added), wsspec fact-check of issue 14',
  hybi13Header: 'draft-ietf-hybi-thewebsocketprotocol-13, first page (header: August 31, 2011)',
  hybi16Header: 'draft-ietf-hybi-thewebsocketprotocol-16, first page (header: September 27, 2011)',
} as const;

/**
 * Where the publication date of each cited draft comes from, best first: the
 * draft's own header where it was read (-04, -05, -07, -08, -09, -13, -16),
 * else the issued dates of `SOURCES.perlVersionTable`. The WASD history is
 * never a date source: its dates are that library's updates.
 */
export const HYBI_DATE_SOURCES: Readonly<Record<number, readonly string[]>> = {
  4: [SOURCES.hybi04Header, SOURCES.perlVersionTable],
  5: [SOURCES.hybi05Header, SOURCES.perlVersionTable],
  6: [SOURCES.perlVersionTable],
  7: [SOURCES.hybi0708Header, SOURCES.perlVersionTable],
  8: [SOURCES.hybi0708Header, SOURCES.perlVersionTable],
  9: [SOURCES.hybi09Header, SOURCES.perlVersionTable],
  10: [SOURCES.perlVersionTable],
  11: [SOURCES.perlVersionTable],
  12: [SOURCES.perlVersionTable],
  13: [SOURCES.hybi13Header, SOURCES.perlVersionTable],
  14: [SOURCES.perlVersionTable],
  15: [SOURCES.perlVersionTable],
  16: [SOURCES.hybi16Header, SOURCES.perlVersionTable],
  17: [SOURCES.perlVersionTable],
};

/**
 * Publication dates of the hybi drafts the track cites (the date on the
 * draft's first page). All fourteen agree with the issued dates of
 * `SOURCES.perlVersionTable`; -04, -05, -07, -08, -09, -13 and -16 were
 * also read off the drafts' own headers (`HYBI_DATE_SOURCES`).
 */
export const HYBI_DRAFT_DATES: Readonly<Record<number, string>> = {
  4: '2011-01-11',
  5: '2011-02-08',
  6: '2011-02-25',
  7: '2011-04-22',
  8: '2011-06-07',
  9: '2011-06-13',
  10: '2011-07-11',
  11: '2011-08-23',
  12: '2011-08-24',
  13: '2011-08-31',
  14: '2011-09-08',
  15: '2011-09-17',
  16: '2011-09-27',
  17: '2011-09-30',
};

/** RFC 6455 is dated "December 2011" on its first page. */
export const RFC6455_DATE = '2011-12';

/** Fields shared by the events of one hybi draft. */
function draft(revision: number, section: string | null) {
  const date = HYBI_DRAFT_DATES[revision];
  if (date === undefined) throw new Error(`no publication date for hybi-${revision}`);
  return {
    date,
    document: hybiDraftName(revision),
    documentLabel: `hybi-${String(revision).padStart(2, '0')}`,
    section,
    url: hybiDraftUrl(revision, section),
  };
}

/** Fields shared by the events of RFC 6455 itself. */
function rfc(section: string) {
  return {
    date: RFC6455_DATE,
    document: 'rfc6455',
    documentLabel: 'RFC 6455',
    section,
    url: rfc6455Url(section),
  };
}

/** hybi-05 §7.1.1, as the seed quotes it (removed in hybi-06). */
const HYBI05_FAILURE_INFORMATION =
  'User agents must not convey any failure information to scripts in a way that would allow a script to distinguish the following situations:';

/**
 * The curated protocol track, in date order. RFC clause IDs follow the
 * rfc-editor XMLv3 numbering of src/corpus/rfc6455.
 */
export const PROTOCOL_TRACK: readonly HistoryEvent[] = [
  // ── hybi-04, 11 January 2011 ────────────────────────────────────────────
  {
    id: 'hybi-04-client-frame-masking',
    track: 'protocol',
    ...draft(4, null),
    title: 'Clients must mask every frame they send to the server',
    quotation: 'a client MUST mask all frames that it sends to the server',
    quotationSource: 'rfc6455',
    change: 'added',
    rfcClauses: ['rfc6455#section-5.1-1', 'rfc6455#section-5.3-3'],
    explanation:
      'hybi-04 introduced frame masking: the client XORs its frames with a key that the script cannot choose, so a hostile page cannot make its bytes on the wire look like another protocol to an intermediary that does not understand WebSockets. hybi-05 simplified how the key is made (a random value, no longer derived with SHA-1 from client and server nonces), and the rule that every client frame is masked became RFC 6455 §5.1 and §5.3.',
    verifiedFrom: [SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.hybi04Header, SOURCES.rfc6455],
  },
  {
    id: 'hybi-04-sec-websocket-key-accept',
    track: 'protocol',
    ...draft(4, '1.3'),
    title: 'The Key1/Key2 challenge is replaced by Sec-WebSocket-Key and Sec-WebSocket-Accept',
    quotation:
      'To prove that the handshake was received, the server has to take two pieces of information and combine them to form a response.',
    quotationSource: 'rfc6455',
    change: 'changed',
    rfcClauses: [
      'rfc6455#section-1.3-11',
      'rfc6455#section-1.3-13',
      'rfc6455#section-4.1-6.7.1',
      'rfc6455#section-4.2.2-2.5.2.4.1',
      'rfc6455#section-4.1-8.4',
    ],
    explanation:
      'Until hybi-03 the server proved it understood the handshake by hashing two odd "Sec-WebSocket-Key1/Key2" headers and eight bytes of body with MD5. hybi-04 replaced that with one base64 nonce, Sec-WebSocket-Key, which the server concatenates with a fixed GUID, hashes with SHA-1 and returns as Sec-WebSocket-Accept: the scheme RFC 6455 kept (a server nonce that came with it was dropped by a later draft). It proves that the server read a WebSocket handshake, so that requests crafted with XMLHttpRequest or a form cannot pass for one (RFC 6455 §1.3).',
    verifiedFrom: [
      SOURCES.sectionNumbers,
      SOURCES.pywebsocketNotes,
      SOURCES.perlVersionTable,
      SOURCES.hybi04Header,
      SOURCES.rfc6455,
    ],
  },

  // ── hybi-05, 8 February 2011 ────────────────────────────────────────────
  {
    id: 'hybi-05-close-frame-body',
    track: 'protocol',
    ...draft(5, null),
    title: 'The body of the Close frame is specified: a status code, then an optional reason',
    quotation:
      'The Close frame MAY contain a body (the "Application data" portion of the frame) that indicates a reason for closing',
    quotationSource: 'rfc6455',
    change: 'added',
    rfcClauses: ['rfc6455#section-5.5.1-2'],
    explanation:
      'hybi-05 specified the body of the Close frame explicitly; RFC 6455 keeps it as a two-byte status code followed by an optional UTF-8 reason. This is what a script later reads as CloseEvent.code and CloseEvent.reason, next to the codes 1005 and 1006 that hybi-08 reserved for reporting locally.',
    verifiedFrom: [SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.hybi05Header, SOURCES.rfc6455],
  },
  {
    id: 'hybi-05-no-failure-information-to-scripts',
    track: 'protocol',
    ...draft(5, '7.1.1'),
    title: 'The protocol draft forbids telling scripts why a connection failed',
    quotation: HYBI05_FAILURE_INFORMATION,
    // The seed quotes it from "hybi-05 and earlier": present in -05, first draft not traced.
    change: 'in-force',
    rfcClauses: [],
    explanation:
      'As of hybi-05 the protocol draft itself told user agents not to let a script tell certain failures apart; the version the API restored lists them: an unresolvable host, an unroutable one, a refused port, a failed TLS handshake, a server that did not complete the opening handshake, and others. The rule protects users, since otherwise a script could probe their local network. RFC 6455 has no such text; the rule lives on in the WebSocket API, which restored it in 2012 (W3C r1.271).',
    verifiedFrom: [SOURCES.seedBlog],
  },
  {
    id: 'hybi-05-non-101-fails-connection',
    track: 'protocol',
    ...draft(5, '5.1'),
    title: 'A handshake answer other than 101 fails the WebSocket connection',
    quotation: 'If the status code received from the server is not 101, the client MUST fail the WebSocket connection.',
    // As above: the seed's "hybi-05以前" (hybi-05 and earlier).
    change: 'in-force',
    rfcClauses: ['rfc6455#section-4.1-8.1'],
    explanation:
      'In hybi-05 (and the drafts before it) any status other than 101 simply failed the connection: a 403, a 401 or a redirect meant nothing more than a refusal. hybi-07 replaced this: the client "handles the response per HTTP procedures", and the old rule moved to the WebSocket API (W3C r1.210, May 2011), where it still is.',
    verifiedFrom: [SOURCES.seedBlog],
  },

  // ── hybi-06, 25 February 2011 ───────────────────────────────────────────
  {
    id: 'hybi-06-drops-failure-information-rule',
    track: 'protocol',
    ...draft(6, null),
    title: 'The rule hiding failure reasons from scripts disappears from the protocol draft',
    quotation: HYBI05_FAILURE_INFORMATION,
    quotationOrigin: {
      document: hybiDraftName(5),
      documentLabel: 'hybi-05',
      section: '7.1.1',
      url: hybiDraftUrl(5, '7.1.1'),
    },
    change: 'removed',
    rfcClauses: [],
    explanation:
      'hybi-06 no longer contains the hybi-05 §7.1.1 text, and RFC 6455 does not contain it either. The API editor noticed seventeen months later: W3C r1.271 (July 2012) put the text into the API "since this text was mysteriously removed from the RFC at some point". This is why the protocol lets a server explain a refusal while the API keeps the script from learning it.',
    verifiedFrom: [SOURCES.seedBlog, SOURCES.w3cRevisionIndex, SOURCES.perlVersionTable],
  },
  {
    id: 'hybi-06-connection-includes-upgrade',
    track: 'protocol',
    ...draft(6, null),
    title: 'The Connection header must include the Upgrade token, not equal it',
    quotation: 'The request MUST contain a |Connection| header field whose value MUST include the "Upgrade" token.',
    quotationSource: 'rfc6455',
    change: 'changed',
    rfcClauses: ['rfc6455#section-4.1-6.6', 'rfc6455#section-4.2.1-3.4', 'rfc6455#section-4.1-8.3'],
    explanation:
      'Before hybi-06 the Connection header had to be exactly "Upgrade"; from hybi-06 it only has to contain that token, as HTTP allows for a list of connection options (for example "keep-alive, Upgrade"). A server that compares the whole header value with "Upgrade" is therefore stricter than the protocol.',
    verifiedFrom: [SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.wasdWsLibHistory, SOURCES.rfc6455],
  },

  // ── The mailing lists, March 2011 ───────────────────────────────────────
  {
    id: 'hybi-list-2011-03-28-redirects-are-an-api-question',
    date: '2011-03-28',
    track: 'discussion',
    document: 'hybi mailing list, msg06954',
    documentLabel: 'hybi list',
    section: null,
    title: 'On the hybi list: redirects and authentication are an API question, keep HTTP in the protocol',
    quotation:
      'However, we should make the protocol such that if/when the API does support these features, then it will only be an in browser change and not an update of the protocol.',
    change: 'discussion',
    url: 'http://www.ietf.org/mail-archive/web/hybi/current/msg06954.html',
    rfcClauses: ['rfc6455#section-4.1-8.1', 'rfc6455#section-4.2.2-2.2', 'rfc6455#section-4.2.2-2.3'],
    explanation:
      'The open-redirector risk was called a problem for the W3C and WHATWG API, not for the protocol: the protocol should keep HTTP semantics (redirects, authentication) so that a browser could support them later without a protocol change. Less than four weeks later hybi-07 took that direction: a non-101 answer is handled per HTTP.',
    verifiedFrom: [SOURCES.seedBlog],
  },
  {
    id: 'whatwg-list-2011-03-29-punt-redirects-in-the-api',
    date: '2011-03-29',
    track: 'discussion',
    document: 'whatwg mailing list, 2011-March/031079',
    documentLabel: 'WHATWG list',
    section: null,
    title: 'On the WHATWG list: redirects are a security risk, disallow them in the API for now',
    quotation: "But I'm totally fine with punting on this for the future and just disallowing redirects on an API level for now.",
    change: 'discussion',
    url: 'http://lists.whatwg.org/htdig.cgi/whatwg-whatwg.org/2011-March/031079.html',
    rfcClauses: [],
    explanation:
      'Answering the hybi thread, the API side agreed that redirects are a big source of security problems and chose to punt: browsers would not follow them, whatever the protocol said. The API then blocked every non-101 answer (W3C r1.210, 24 May 2011), so the protocol and the API parted ways on purpose.',
    verifiedFrom: [SOURCES.seedBlog],
  },

  // ── hybi-07, 22 April 2011 ──────────────────────────────────────────────
  {
    id: 'hybi-07-non-101-handled-per-http',
    track: 'protocol',
    ...draft(7, '5.1'),
    title: 'A non-101 handshake answer is handled per HTTP instead of failing the connection',
    quotation: 'If the status code received from the server is not 101, the client handles the response per HTTP procedures.',
    change: 'changed',
    rfcClauses: ['rfc6455#section-4.1-8.1'],
    explanation:
      'This is the turn the seed asks about: the protocol now treats the handshake answer as an ordinary HTTP response, so that HTTP mechanisms such as authentication (401) and redirects (3xx) can apply; hybi-13 spelled both out. The WebSocket API did not follow: a month later it moved the old hybi-05 rule (any status other than 101 fails the connection) into its own text.',
    verifiedFrom: [SOURCES.seedBlog, SOURCES.hybi0708Header, SOURCES.perlVersionTable],
  },

  // ── hybi-08, 7 June 2011 ────────────────────────────────────────────────
  {
    id: 'hybi-08-server-refusal-http-error-code',
    track: 'protocol',
    ...draft(8, '5.2.2'),
    title: 'A server that refuses a connection must answer with an HTTP error code such as 403',
    quotation:
      'If the server does not wish to accept this connection, it MUST return an appropriate HTTP error code (e.g. 403 Forbidden) and abort the WebSocket handshake described in this section.',
    change: 'added',
    rfcClauses: ['rfc6455#section-4.2.2-2.4.2.1'],
    explanation:
      'From hybi-08 the server side has a duty that matches hybi-07: refuse with a meaningful HTTP status, for example 403 when the Origin is not allowed. RFC 6455 §4.2.2 keeps the sentence. A browser receiving that 403 must still fail the connection without telling the script why, which is the contradiction the seed ran into.',
    verifiedFrom: [SOURCES.seedBlog, SOURCES.hybi0708Header, SOURCES.perlVersionTable],
  },
  {
    id: 'hybi-08-close-codes-1005-1006',
    track: 'protocol',
    ...draft(8, '7.4'),
    title: 'Close codes 1005 (no status received) and 1006 (closed abnormally) are reserved',
    quotation: '1006 is a reserved value and MUST NOT be set as a status code in a Close control frame by an endpoint.',
    quotationSource: 'rfc6455',
    change: 'added',
    rfcClauses: ['rfc6455#section-7.4.1-2.6', 'rfc6455#section-7.4.1-2.7', 'rfc6455#section-7.1.5-1'],
    explanation:
      'hybi-08 added two codes that are never sent on the wire but reported locally: 1005 when a Close frame had no status, 1006 when the connection ended without a Close frame. 1006 is the code a script sees for every failed handshake, 403 or not: the one number the API lets through.',
    verifiedFrom: [SOURCES.sectionNumbers, SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.rfc6455],
  },
  {
    id: 'hybi-08-version-8',
    track: 'protocol',
    ...draft(8, null),
    title: 'Sec-WebSocket-Version becomes 8, the value drafts -08 to -12 all use',
    quotation:
      'An "Interim" version number is documented in an Internet-Draft and used to help implementors identify and interoperate with deployed versions of the WebSocket protocol, such as versions developed before the publication of this RFC.',
    quotationSource: 'rfc6455',
    change: 'changed',
    rfcClauses: ['rfc6455#section-11.6-6', 'rfc6455#section-11.6-8'],
    explanation:
      'Each draft from hybi-04 to hybi-07 had sent its own number (4 to 7); hybi-08 sent 8 and it stayed 8 through hybi-12, because drafts -09 to -12 did not change the wire protocol. The RFC 6455 version registry keeps 8 as an "Interim" version, so a server can still recognise clients written against those drafts.',
    verifiedFrom: [SOURCES.perlVersionTable, SOURCES.pywebsocketNotes, SOURCES.rfc6455],
  },

  // ── hybi-09, 13 June 2011 ───────────────────────────────────────────────
  {
    id: 'hybi-09-rsv-bits-without-extension-fail',
    track: 'protocol',
    ...draft(9, '4.2'),
    title: 'A frame with an RSV bit set but no extension that defines it fails the connection',
    quotation:
      'If a nonzero value is received and none of the negotiated extensions defines the meaning of such a nonzero value, the receiving endpoint MUST _Fail the WebSocket Connection_.',
    quotationSource: 'rfc6455',
    change: 'added',
    rfcClauses: ['rfc6455#section-5.2-3.2'],
    explanation:
      'The three reserved bits belong to extensions. From hybi-09 an endpoint that receives one set without having negotiated an extension that gives it meaning must fail the connection instead of guessing. Extensions such as permessage-deflate (RFC 7692, which uses RSV1) rely on this.',
    verifiedFrom: [
      SOURCES.sectionNumbers,
      SOURCES.pywebsocketNotes,
      SOURCES.perlVersionTable,
      SOURCES.hybi09Header,
      SOURCES.rfc6455,
    ],
  },

  // ── hybi-10, 11 July 2011 ───────────────────────────────────────────────
  {
    id: 'hybi-10-invalid-utf8-fails-connection',
    track: 'protocol',
    ...draft(10, null),
    title: 'Text that is not valid UTF-8 fails the connection',
    quotation:
      'When an endpoint is to interpret a byte stream as UTF-8 but finds that the byte stream is not, in fact, a valid UTF-8 stream, that endpoint MUST _Fail the WebSocket Connection_.',
    quotationSource: 'rfc6455',
    change: 'changed',
    rfcClauses: ['rfc6455#section-8.1-1'],
    explanation:
      'The Hixie-era drafts left a server free to close the connection, replace invalid bytes with U+FFFD or keep them. From hybi-10 both sides must fail the connection, so a text message is either valid UTF-8 or not delivered at all, and the API never has to hand a script a half-decoded string.',
    verifiedFrom: [SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.wasdWsLibHistory, SOURCES.rfc6455],
  },
  {
    id: 'hybi-10-close-code-1007',
    track: 'protocol',
    ...draft(10, '7.4'),
    title: 'Close code 1007 is added for data that is not valid UTF-8',
    quotation:
      '1007 indicates that an endpoint is terminating the connection because it has received data that was supposed to be UTF-8 (such as in a text frame) that was in fact not valid UTF-8 [RFC3629].',
    change: 'added',
    rfcClauses: ['rfc6455#section-7.4.1-2.8'],
    explanation:
      'The new failure got its own close code. hybi-14 widened its meaning to any data inconsistent with the message type, the wording RFC 6455 keeps ("e.g., non-UTF-8 [RFC3629] data within a text message").',
    verifiedFrom: [
      SOURCES.sectionNumbers,
      'CPAN WebSocket by J. Deguest, lib/WebSocket.pm (comment on WS_BAD_MESSAGE quoting the draft text of 1007)',
      'a Java WebSocket client interface quoting the same text under "rev10 & later" (WebSocketCloseStatusInvalidUtf8 = 1007)',
      SOURCES.pywebsocketNotes,
      SOURCES.perlVersionTable,
    ],
  },

  // ── hybi-11, 23 August 2011 ─────────────────────────────────────────────
  {
    id: 'hybi-11-sec-websocket-origin-becomes-origin',
    track: 'protocol',
    ...draft(11, null),
    title: 'Sec-WebSocket-Origin is replaced by the standard Origin header',
    quotation:
      'The request MUST include a header field with the name |Origin| [RFC6454] if the request is coming from a browser client.',
    quotationSource: 'rfc6455',
    change: 'changed',
    rfcClauses: ['rfc6455#section-4.1-6.8.1', 'rfc6455#section-4.2.2-2.4.2.1', 'rfc6455#section-10.2-1'],
    explanation:
      'Drafts -04 to -10 had browsers send the page origin in a WebSocket-specific header, Sec-WebSocket-Origin; hybi-11 switched to the Origin header that browsers send with other cross-origin requests (specified in RFC 6454). A server refusing a foreign origin is the standard case for the 403 of hybi-08.',
    verifiedFrom: [SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.rfc6455],
  },
  {
    id: 'hybi-11-versions-9-to-11-unused',
    track: 'protocol',
    ...draft(11, '5.1'),
    title: 'Version numbers 9, 10 and 11 are skipped: the wire protocol had not changed',
    quotation:
      'Although drafts -09, -10 and -11 were published, as they were mostly comprised of editorial changes and clarifications and not changes to the wire protocol, values 9, 10 and 11 were not used as valid values for Sec-WebSocket-Version.',
    change: 'added',
    rfcClauses: ['rfc6455#section-4.1-6.9.2', 'rfc6455#section-11.6-8'],
    explanation:
      'Clients of drafts -08 to -12 all send version 8, so a server needs to know only one number for them. RFC 6455 keeps the note (extended to -12) and lists 9 to 12 as reserved in its version registry.',
    verifiedFrom: [
      'CPAN WebSocket by J. Deguest, lib/WebSocket/Version.pm (comment quoting draft -11 "section 5.1, page 30")',
      SOURCES.pywebsocketNotes,
      SOURCES.perlVersionTable,
    ],
  },

  // ── hybi-13, 31 August 2011 ─────────────────────────────────────────────
  {
    id: 'hybi-13-version-13',
    track: 'protocol',
    ...draft(13, null),
    title: 'Sec-WebSocket-Version becomes 13, the value of RFC 6455',
    quotation: 'The value of this header field MUST be 13.',
    quotationSource: 'rfc6455',
    change: 'changed',
    rfcClauses: ['rfc6455#section-4.1-6.9.1', 'rfc6455#section-4.4-2', 'rfc6455#section-11.6-5'],
    explanation:
      'hybi-13 changed the version to 13 and no later draft changed it again, so drafts -13 to -17 and RFC 6455 all speak version 13. A server that does not support the requested version answers with an HTTP error (§4.2.2 suggests 426 Upgrade Required, the §4.4 example shows 400) and lists the versions it does support.',
    verifiedFrom: [SOURCES.perlVersionTable, SOURCES.pywebsocketNotes, SOURCES.rfc6455],
  },
  {
    id: 'hybi-13-close-codes-1008-1010',
    track: 'protocol',
    ...draft(13, '7.4'),
    title: 'Close codes 1008 (policy violation), 1009 (too big) and 1010 (extension missing) are added; 1004 is reserved',
    quotation:
      '1008 indicates that an endpoint is terminating the connection because it has received a message that violates its policy.',
    quotationSource: 'rfc6455',
    change: 'added',
    rfcClauses: [
      'rfc6455#section-7.4.1-2.5',
      'rfc6455#section-7.4.1-2.9',
      'rfc6455#section-7.4.1-2.10',
      'rfc6455#section-7.4.1-2.11',
    ],
    explanation:
      'With hybi-13 the drafts reached 1010; RFC 6455 defines two more, 1011 and 1015, that no draft up to hybi-17 had (RFC 6455 §7.4.1). 1008 is the generic code for "policy", usable when a server wants to hide specific details: a close-frame counterpart of a 403 during the handshake.',
    verifiedFrom: [SOURCES.sectionNumbers, SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.rfc6455],
  },
  {
    id: 'hybi-13-unrequested-subprotocol-fails',
    track: 'protocol',
    ...draft(13, null),
    title: 'A client must fail the connection if the server selects a subprotocol it did not offer',
    quotation:
      "If the response includes a |Sec-WebSocket-Protocol| header field and this header field indicates the use of a subprotocol that was not present in the client's handshake (the server has indicated a subprotocol not requested by the client), the client MUST _Fail the WebSocket Connection_.",
    quotationSource: 'rfc6455',
    change: 'added',
    rfcClauses: ['rfc6455#section-4.1-8.6'],
    explanation:
      'From hybi-13 the client checks the subprotocol the server chose. The API lists exactly this case among the failures a script must not be able to tell apart from an unreachable host.',
    verifiedFrom: [SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.rfc6455],
  },

  // ── hybi-14, 8 September 2011 ───────────────────────────────────────────
  {
    id: 'hybi-14-minimal-length-encoding',
    track: 'protocol',
    ...draft(14, '5.2'),
    title: 'Payload lengths must be encoded in the minimal number of bytes',
    quotation: 'the minimal number of bytes MUST be used to encode the length',
    quotationSource: 'rfc6455',
    change: 'added',
    rfcClauses: ['rfc6455#section-5.2-3.5'],
    explanation:
      'A length of 124 may no longer be sent as the 16-bit form 126, 0, 124. One encoding per length keeps frame parsing unambiguous.',
    verifiedFrom: [SOURCES.sectionNumbers, SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.rfc6455],
  },
  {
    id: 'hybi-14-header-field-multiplicity',
    track: 'protocol',
    ...draft(14, null),
    title: 'Which handshake header fields may appear more than once, and in which direction',
    quotation: 'The |Sec-WebSocket-Key| header field MUST NOT appear more than once in an HTTP request.',
    quotationSource: 'rfc6455',
    change: 'added',
    rfcClauses: [
      'rfc6455#section-11.3.1-4',
      'rfc6455#section-11.3.2-4',
      'rfc6455#section-11.3.3-4',
      'rfc6455#section-11.3.4-4',
      'rfc6455#section-11.3.5-5',
    ],
    explanation:
      'hybi-14 said how often each Sec-WebSocket-* field may occur: Key and Accept once, Extensions and Protocol many times in a request but once in a response, Version many times in a response but once in a request. Chromium, for one, fails a handshake whose response repeats Sec-WebSocket-Accept or Upgrade.',
    verifiedFrom: [SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.rfc6455],
  },

  // ── hybi-15, 17 September 2011 ──────────────────────────────────────────
  {
    id: 'hybi-15-unmasked-frame-closes-with-1002',
    track: 'protocol',
    ...draft(15, null),
    title: 'A server closes the connection on an unmasked frame, optionally with 1002',
    quotation:
      'The server MUST close the connection upon receiving a frame that is not masked. In this case, a server MAY send a Close frame with a status code of 1002 (protocol error) as defined in Section 7.4.1.',
    quotationSource: 'rfc6455',
    change: 'changed',
    rfcClauses: ['rfc6455#section-5.1-1'],
    explanation:
      'The masking rule of hybi-04 got its consequence spelled out, in both directions: a server drops a client that does not mask, a client drops a server that does, and either may say 1002 (protocol error) first.',
    verifiedFrom: [SOURCES.pywebsocketNotes, SOURCES.perlVersionTable, SOURCES.rfc6455],
  },

  // ── RFC 6455, December 2011 ─────────────────────────────────────────────
  {
    id: 'rfc6455-1.3-non-101-keeps-http-semantics',
    track: 'protocol',
    ...rfc('1.3'),
    title: 'RFC 6455: any status other than 101 means HTTP semantics still apply',
    quotation:
      'Any status code other than 101 indicates that the WebSocket handshake has not completed and that the semantics of HTTP still apply.',
    change: 'added',
    rfcClauses: ['rfc6455#section-1.3-17'],
    explanation:
      'The published standard keeps the hybi-07 turn in its overview: a refused handshake is an HTTP exchange like any other. Together with §4.2.2 it tells a server to answer with a real status code.',
    verifiedFrom: [SOURCES.rfc6455],
  },
  {
    id: 'rfc6455-4.1-client-handles-non-101-per-http',
    track: 'protocol',
    ...rfc('4.1'),
    title: 'RFC 6455: the client handles a non-101 answer per HTTP',
    quotation:
      'If the status code received from the server is not 101, the client handles the response per HTTP [RFC2616] procedures.',
    change: 'added',
    rfcClauses: ['rfc6455#section-4.1-8.1'],
    explanation:
      'This is the hybi-07 sentence with a reference to HTTP/1.1 added. The WebSocket API overrides it for browsers: a user agent must fail the connection on anything but 101, and a script learns only an error event and close code 1006.',
    verifiedFrom: [SOURCES.rfc6455],
  },
  {
    id: 'rfc6455-4.2.1-bad-handshake-gets-400',
    track: 'protocol',
    ...rfc('4.2.1'),
    title: 'RFC 6455: a server answers a malformed handshake with an HTTP error such as 400',
    quotation:
      "the server MUST stop processing the client's handshake and return an HTTP response with an appropriate error code (such as 400 Bad Request).",
    change: 'added',
    rfcClauses: ['rfc6455#section-4.2.1-2'],
    explanation:
      'A request that is not a valid WebSocket handshake gets an HTTP error, not a silently closed socket. Go changed its websocket server to do exactly this in November 2011; its commit message paraphrases this requirement.',
    verifiedFrom: [SOURCES.rfc6455],
  },
  {
    id: 'rfc6455-4.2.2-server-refusal-http-error-code',
    track: 'protocol',
    ...rfc('4.2.2'),
    title: 'RFC 6455: a server that refuses the connection must return an HTTP error code',
    quotation:
      'If the server does not wish to accept this connection, it MUST return an appropriate HTTP error code (e.g., 403 Forbidden) and abort the WebSocket handshake described in this section.',
    change: 'added',
    rfcClauses: ['rfc6455#section-4.2.2-2.4.2.1'],
    explanation:
      'The hybi-08 sentence, unchanged but for a comma. What a server should do today: answer with the fitting status (403, or 400 and 401 where they apply) so that non-browser clients, proxies and logs see the reason, knowing that a browser script will still only see close code 1006.',
    verifiedFrom: [SOURCES.rfc6455],
  },
  {
    id: 'rfc6455-7.4.1-close-codes-1011-1015',
    track: 'protocol',
    ...rfc('7.4.1'),
    title: 'RFC 6455 adds close codes 1011 (unexpected condition) and 1015 (TLS handshake failed), after the last draft',
    quotation:
      '1011 indicates that a server is terminating the connection because it encountered an unexpected condition that prevented it from fulfilling the request.',
    change: 'added',
    rfcClauses: ['rfc6455#section-7.4.1-2.12', 'rfc6455#section-7.4.1-2.13'],
    explanation:
      'The last draft, hybi-17, listed codes up to 1010. The RFC adds 1011, for a server that hits an internal error, and 1015, which like 1005 and 1006 is never sent in a Close frame but reported locally, here when the TLS handshake failed. For a browser script a failed TLS handshake still ends in close code 1006: the API must not let a script tell it apart from a refused connection.',
    verifiedFrom: [SOURCES.rfc6455, SOURCES.closeCodesAfterDrafts],
  },
];

/** IDs the History issue requires on the timeline (checked by the test). */
export const REQUIRED_PROTOCOL_EVENT_IDS: readonly string[] = [
  // the seed's story
  'hybi-05-no-failure-information-to-scripts',
  'hybi-05-non-101-fails-connection',
  'hybi-06-drops-failure-information-rule',
  'hybi-list-2011-03-28-redirects-are-an-api-question',
  'whatwg-list-2011-03-29-punt-redirects-in-the-api',
  'hybi-07-non-101-handled-per-http',
  'hybi-08-server-refusal-http-error-code',
  'rfc6455-1.3-non-101-keeps-http-semantics',
  'rfc6455-4.1-client-handles-non-101-per-http',
  // the other semantic turns
  'hybi-04-client-frame-masking',
  'hybi-04-sec-websocket-key-accept',
  'hybi-05-close-frame-body',
  'hybi-06-connection-includes-upgrade',
  'hybi-08-close-codes-1005-1006',
  'hybi-09-rsv-bits-without-extension-fail',
  'hybi-10-invalid-utf8-fails-connection',
  'hybi-10-close-code-1007',
  'hybi-11-sec-websocket-origin-becomes-origin',
  'hybi-13-close-codes-1008-1010',
  'hybi-13-unrequested-subprotocol-fails',
  'hybi-14-minimal-length-encoding',
  'hybi-14-header-field-multiplicity',
  'hybi-15-unmasked-frame-closes-with-1002',
  // the version history 8 → 13
  'hybi-08-version-8',
  'hybi-11-versions-9-to-11-unused',
  'hybi-13-version-13',
  // the close codes the RFC added after the drafts
  'rfc6455-7.4.1-close-codes-1011-1015',
];
