/**
 * The RFC 6455 concepts the WebSocket API specs invoke, and the RFC section
 * that defines each one. This is the single table behind every API clause's
 * `refs` (an API step that says "fail the WebSocket connection" refs
 * `rfc6455#section-7.1.7`) and behind the links from the API readers to the
 * RFC reader.
 *
 * `definedAs` is how RFC 6455 itself spells the definition (an
 * `_Underscored Term_` in the running text, or the section title for the URI
 * schemes and header fields); the tests check that it occurs in the mapped
 * section of rfc6455.txt.
 *
 * The API specs mark these terms as cross-references: Bikeshed autolinks
 * (`[=fail the WebSocket connection=]`, `<a lt="…">`) in the WHATWG standard,
 * `<i>`/`<span>` terms in the W3C drafts. A term is matched after
 * normalization (`normalizeTerm`): lower case, whitespace collapsed, "Web
 * Socket" (2009–2010 drafts) read as "WebSocket", a leading "the " dropped.
 */

export interface Rfc6455Term {
  /** The term as the API specs use it. */
  term: string;
  /** RFC 6455 section number that defines it. */
  section: string;
  /** How the RFC spells the definition, found verbatim in that section. */
  definedAs: string;
  /** Other spellings found in the API specs (same normalization). */
  aliases?: readonly string[];
}

export const RFC6455_TERMS: readonly Rfc6455Term[] = [
  {
    term: 'establish a WebSocket connection',
    section: '4.1',
    definedAs: '_Establish a WebSocket Connection_',
  },
  {
    term: 'the WebSocket connection is established',
    section: '4.1',
    definedAs: '_The WebSocket Connection is Established_',
    aliases: ['established'],
  },
  {
    // W3C CR: "When the user agent validates the server's response during the
    // establish a WebSocket connection algorithm…" (RFC 6455 §4.1: "The client
    // MUST validate the server's response as follows").
    term: "validate the server's response",
    section: '4.1',
    definedAs: "validate the server's response",
    aliases: ["validates the server's response"],
  },
  { term: 'extensions in use', section: '4.1', definedAs: '_Extensions In Use_' },
  { term: 'subprotocol in use', section: '4.1', definedAs: '_Subprotocol In Use_' },
  {
    term: "cookies set during the server's opening handshake",
    section: '4.1',
    definedAs: "_Cookies Set During the Server's Opening Handshake_",
  },
  { term: 'send a WebSocket message', section: '6.1', definedAs: '_Send a WebSocket Message_' },
  {
    term: 'a WebSocket message has been received',
    section: '6.2',
    definedAs: '_A WebSocket Message Has Been Received_',
  },
  { term: 'close the WebSocket connection', section: '7.1.1', definedAs: '_Close the WebSocket Connection_' },
  {
    term: 'start the WebSocket closing handshake',
    section: '7.1.2',
    definedAs: '_Start the WebSocket Closing Handshake_',
  },
  {
    term: 'the WebSocket closing handshake is started',
    section: '7.1.3',
    definedAs: '_The WebSocket Closing Handshake is Started_',
    aliases: ['the WebSocket closing handshake has started'],
  },
  {
    term: 'the WebSocket connection is closed',
    section: '7.1.4',
    definedAs: '_The WebSocket Connection is Closed_',
    aliases: ['the WebSocket connection was closed'],
  },
  { term: 'cleanly', section: '7.1.4', definedAs: '_cleanly_' },
  {
    term: 'the WebSocket connection close code',
    section: '7.1.5',
    definedAs: '_The WebSocket Connection Close Code_',
  },
  {
    term: 'the WebSocket connection close reason',
    section: '7.1.6',
    definedAs: '_The WebSocket Connection Close Reason_',
  },
  { term: 'fail the WebSocket connection', section: '7.1.7', definedAs: '_Fail the WebSocket Connection_' },
  { term: 'ws', section: '11.1.1', definedAs: 'Registration of "ws" Scheme' },
  { term: 'wss', section: '11.1.2', definedAs: 'Registration of "wss" Scheme' },
  { term: 'Sec-WebSocket-Protocol', section: '11.3.4', definedAs: 'Sec-WebSocket-Protocol' },
];

/** Lower case, whitespace collapsed, "web socket" → "websocket", no leading "the ". */
export function normalizeTerm(term: string): string {
  return term
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\bweb socket\b/g, 'websocket')
    .replace(/^the /, '');
}

const BY_TERM = new Map<string, Rfc6455Term>();
for (const entry of RFC6455_TERMS) {
  for (const spelling of [entry.term, ...(entry.aliases ?? [])]) BY_TERM.set(normalizeTerm(spelling), entry);
}

/** The RFC 6455 section anchor (`section-7.1.7`) a term invokes, or null. */
export function rfcSectionOfTerm(term: string): string | null {
  const entry = BY_TERM.get(normalizeTerm(term));
  return entry ? `section-${entry.section}` : null;
}

/**
 * The RFC 6455 section anchor an absolute link points at
 * (`https://datatracker.ietf.org/doc/html/rfc6455#section-4.1`,
 * `http://tools.ietf.org/html/rfc6455#section-4.1`,
 * `https://www.rfc-editor.org/rfc/rfc6455.html#section-4.1`), or null.
 */
export function rfcSectionOfUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (!/(^|\/)rfc6455(\.html|\.txt)?$/.test(url.pathname)) return null;
  const match = /^#(section-\d+(?:\.\d+)*)$/.exec(url.hash);
  return match?.[1] ?? null;
}

/** Every section ID the table can produce, as corpus IDs (`rfc6455#section-4.1`). */
export const RFC6455_TERM_SECTION_IDS: ReadonlySet<string> = new Set(
  RFC6455_TERMS.map((entry) => `rfc6455#section-${entry.section}`),
);
