/**
 * Negotiating permessage-deflate (RFC 7692 §5, §7.1): the client's offer,
 * the server's choice among offers, and the client's check of the
 * server's response. Pure functions on parsed Sec-WebSocket-Extensions
 * elements (src/protocol/handshake/extensions.ts); the outcome is a
 * `DeflateAgreement` that both ends derive from the same response.
 *
 * RFC 7692 is not in this site's corpus, so its sections are cited in plain
 * comments rather than as @spec annotations.
 */
import type { Extension } from '../handshake/extensions.ts';

/** The extension's registered name (RFC 7692 §7). */
export const PERMESSAGE_DEFLATE = 'permessage-deflate';

/** Window sizes a peer may name, as base-2 logarithms (RFC 7692 §7.1.2.1). */
export const MIN_WINDOW_BITS = 8;
export const MAX_WINDOW_BITS = 15;

/**
 * What a client offers or a server is willing to accept. Each field maps to
 * one parameter of RFC 7692 §7.1.
 */
export interface DeflateOptions {
  /**
   * Client: ask the server not to take over its LZ77 window between
   * messages. Server: never take it over (and say so), offered or not.
   */
  serverNoContextTakeover?: boolean;
  /**
   * Client: promise not to take over its own window. Server: require the
   * client not to (RFC 7692 §7.1.1.2 lets a server ask even unasked).
   */
  clientNoContextTakeover?: boolean;
  /** Client: ask the server to use at most this window. Server: use at most this window. 8-15. */
  serverMaxWindowBits?: number;
  /**
   * Client: `true` (the default) offers `client_max_window_bits` without a
   * value (any window the server names is fine, as browsers offer); a
   * number offers that limit; `false` leaves the parameter out. Server: the
   * window to ask the client for, when the offer lets it ask.
   */
  clientMaxWindowBits?: number | boolean;
}

/** The parameters in force once a server has accepted an offer. */
export interface DeflateAgreement {
  serverNoContextTakeover: boolean;
  clientNoContextTakeover: boolean;
  /** The server's window (15 when not limited). */
  serverMaxWindowBits: number;
  /** The client's window (15 when not limited). */
  clientMaxWindowBits: number;
}

/** The parameters of one offer or response, checked (RFC 7692 §7.1). */
interface DeflateParams {
  serverNoContextTakeover: boolean;
  clientNoContextTakeover: boolean;
  serverMaxWindowBits: number | null;
  /** `true`: present without a value (allowed in an offer only). */
  clientMaxWindowBits: number | true | null;
}

/**
 * A window size: a decimal integer 8-15 without leading zeros
 * (RFC 7692 §7.1.2.1, §7.1.2.2), or null.
 */
function parseWindowBits(value: string): number | null {
  if (!/^[1-9][0-9]?$/.test(value)) return null;
  const bits = Number(value);
  return bits >= MIN_WINDOW_BITS && bits <= MAX_WINDOW_BITS ? bits : null;
}

/**
 * Checks the parameters of one `permessage-deflate` element. Returns the
 * reason it is invalid, as a string, when it has a parameter not defined
 * for its side, a parameter with an invalid value, or the same parameter
 * twice (RFC 7692 §7.1: a server declines such an offer, a client fails on
 * such a response).
 */
// @spec rfc6455#section-9.1-7 "The parameters supplied with any given extension MUST be defined for that extension."
export function parseDeflateParams(extension: Extension, side: 'offer' | 'response'): DeflateParams | string {
  const params: DeflateParams = { serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: null, clientMaxWindowBits: null };
  const seen = new Set<string>();
  for (const [name, value] of extension.params) {
    if (seen.has(name)) return `${name} appears twice`;
    seen.add(name);
    switch (name) {
      // RFC 7692 §7.1.1.1, §7.1.1.2: these two parameters have no value.
      case 'server_no_context_takeover':
      case 'client_no_context_takeover':
        if (value !== null) return `${name} has a value`;
        if (name === 'server_no_context_takeover') params.serverNoContextTakeover = true;
        else params.clientNoContextTakeover = true;
        break;
      // RFC 7692 §7.1.2.1: always a value.
      case 'server_max_window_bits': {
        const bits = value === null ? null : parseWindowBits(value);
        if (bits === null) return `${name}=${value ?? ''} is not 8 to 15`;
        params.serverMaxWindowBits = bits;
        break;
      }
      // RFC 7692 §7.1.2.2: a value, or none in an offer only.
      case 'client_max_window_bits': {
        if (value === null) {
          if (side === 'response') return `${name} without a value`;
          params.clientMaxWindowBits = true;
          break;
        }
        const bits = parseWindowBits(value);
        if (bits === null) return `${name}=${value} is not 8 to 15`;
        params.clientMaxWindowBits = bits;
        break;
      }
      default:
        return `unknown parameter ${name}`;
    }
  }
  return params;
}

/** Formats parameters as a Sec-WebSocket-Extensions element. */
function formatParams(params: DeflateParams): Extension {
  const out: Extension['params'] = [];
  if (params.serverNoContextTakeover) out.push(['server_no_context_takeover', null]);
  if (params.clientNoContextTakeover) out.push(['client_no_context_takeover', null]);
  if (params.serverMaxWindowBits !== null) out.push(['server_max_window_bits', String(params.serverMaxWindowBits)]);
  if (params.clientMaxWindowBits !== null) {
    out.push(['client_max_window_bits', params.clientMaxWindowBits === true ? null : String(params.clientMaxWindowBits)]);
  }
  return { name: PERMESSAGE_DEFLATE, params: out };
}

function checkWindowOption(name: string, bits: number | undefined): void {
  if (bits !== undefined && !(Number.isInteger(bits) && bits >= MIN_WINDOW_BITS && bits <= MAX_WINDOW_BITS)) {
    throw new RangeError(`${name} must be an integer from 8 to 15, not ${bits}`);
  }
}

/** Throws a RangeError for a window size outside 8-15. */
export function checkDeflateOptions(options: DeflateOptions): void {
  checkWindowOption('serverMaxWindowBits', options.serverMaxWindowBits);
  if (typeof options.clientMaxWindowBits === 'number') checkWindowOption('clientMaxWindowBits', options.clientMaxWindowBits);
}

// ─── Client ───────────────────────────────────────────────────────────────

/**
 * The client's offer (RFC 7692 §5): by default
 * `permessage-deflate; client_max_window_bits`, the offer the WHATWG
 * standard gives as its example and browsers send.
 */
export function deflateOffer(options: DeflateOptions = {}): Extension {
  checkDeflateOptions(options);
  const client = options.clientMaxWindowBits ?? true;
  return formatParams({
    serverNoContextTakeover: options.serverNoContextTakeover === true,
    clientNoContextTakeover: options.clientNoContextTakeover === true,
    serverMaxWindowBits: options.serverMaxWindowBits ?? null,
    clientMaxWindowBits: client === false ? null : client,
  });
}

/**
 * Checks the server's response to an offer made with `options` and returns
 * the agreement, or the reason the client must fail the connection
 * (RFC 7692 §7.1: a parameter not defined for a response, an invalid
 * value, a repeated parameter, or a configuration the client did not
 * offer to support).
 */
export function acceptDeflateResponse(response: Extension, options: DeflateOptions = {}): DeflateAgreement | string {
  const params = parseDeflateParams(response, 'response');
  if (typeof params === 'string') return params;
  // RFC 7692 §7.1.1.1: a server that accepts an offer with
  // server_no_context_takeover includes it in the response.
  if (options.serverNoContextTakeover === true && !params.serverNoContextTakeover) return 'server_no_context_takeover was offered but not accepted';
  // RFC 7692 §7.1.2.1: a server that accepts server_max_window_bits answers
  // with the same or a smaller value.
  if (options.serverMaxWindowBits !== undefined) {
    if (params.serverMaxWindowBits === null) return 'server_max_window_bits was offered but not accepted';
    if (params.serverMaxWindowBits > options.serverMaxWindowBits) return `server_max_window_bits=${params.serverMaxWindowBits} is above the ${options.serverMaxWindowBits} offered`;
  }
  // RFC 7692 §7.1.2.2: client_max_window_bits may be in a response only if
  // it was in the offer; a value above the one offered is one this client
  // did not say it supports.
  const offered = options.clientMaxWindowBits ?? true;
  if (typeof params.clientMaxWindowBits === 'number') {
    if (offered === false) return 'client_max_window_bits was not offered';
    if (typeof offered === 'number' && params.clientMaxWindowBits > offered) return `client_max_window_bits=${params.clientMaxWindowBits} is above the ${offered} offered`;
  }
  return {
    serverNoContextTakeover: params.serverNoContextTakeover,
    // RFC 7692 §7.1.1.2: with it in the response, the client must not take
    // over; having offered it, the client keeps its promise either way.
    clientNoContextTakeover: params.clientNoContextTakeover || options.clientNoContextTakeover === true,
    serverMaxWindowBits: params.serverMaxWindowBits ?? MAX_WINDOW_BITS,
    // Offered with a value, that value stays the client's limit even when
    // the server's response does not repeat it.
    clientMaxWindowBits: typeof params.clientMaxWindowBits === 'number' ? params.clientMaxWindowBits : typeof offered === 'number' ? offered : MAX_WINDOW_BITS,
  };
}

// ─── Server ───────────────────────────────────────────────────────────────

export interface DeflateAcceptance {
  /** The element for the response's Sec-WebSocket-Extensions. */
  response: Extension;
  agreement: DeflateAgreement;
}

/**
 * Chooses the first acceptable `permessage-deflate` offer, in the client's
 * order of preference (RFC 6455 §9.1), or null to decline them all.
 * An offer is declined when its parameters are invalid (RFC 7692 §7.1);
 * every valid configuration is supported: a window of any size can be
 * used or read, and context takeover can always be given up.
 */
export function acceptDeflateOffer(offers: readonly Extension[], options: DeflateOptions = {}): DeflateAcceptance | null {
  checkDeflateOptions(options);
  for (const offer of offers) {
    if (offer.name !== PERMESSAGE_DEFLATE) continue;
    const params = parseDeflateParams(offer, 'offer');
    if (typeof params === 'string') continue;
    return acceptParams(params, options);
  }
  return null;
}

function acceptParams(offer: DeflateParams, options: DeflateOptions): DeflateAcceptance {
  // RFC 7692 §7.1.1.1: accepting server_no_context_takeover means saying
  // so; a server may also give up takeover unasked.
  const serverNoContextTakeover = offer.serverNoContextTakeover || options.serverNoContextTakeover === true;
  // RFC 7692 §7.1.1.2: the server may include client_no_context_takeover
  // whether or not it was offered; echoing an offered one confirms it.
  const clientNoContextTakeover = offer.clientNoContextTakeover || options.clientNoContextTakeover === true;
  // RFC 7692 §7.1.2.1: the same or a smaller value than offered; the server
  // may also name one unasked, limiting its own window.
  const serverLimits = [offer.serverMaxWindowBits, options.serverMaxWindowBits ?? null].filter((bits): bits is number => bits !== null);
  const serverMaxWindowBits = serverLimits.length === 0 ? null : Math.min(...serverLimits);
  // RFC 7692 §7.1.2.2: only if offered; then the server may name a window
  // for the client (at most the value offered, if one was).
  let clientMaxWindowBits: number | null = null;
  if (offer.clientMaxWindowBits !== null && typeof options.clientMaxWindowBits === 'number') {
    clientMaxWindowBits = offer.clientMaxWindowBits === true ? options.clientMaxWindowBits : Math.min(offer.clientMaxWindowBits, options.clientMaxWindowBits);
  }
  const response = formatParams({ serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, clientMaxWindowBits });
  return {
    response,
    agreement: {
      serverNoContextTakeover,
      clientNoContextTakeover,
      serverMaxWindowBits: serverMaxWindowBits ?? MAX_WINDOW_BITS,
      // A value the client offered binds it even when the response is silent.
      clientMaxWindowBits: clientMaxWindowBits ?? (typeof offer.clientMaxWindowBits === 'number' ? offer.clientMaxWindowBits : MAX_WINDOW_BITS),
    },
  };
}
