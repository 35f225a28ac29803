/**
 * Close status codes (RFC 6455 §7.4), named after the IANA "WebSocket Close
 * Code Number Registry" (§11.7, with the three codes IANA registered after
 * the RFC). No other module spells a close code as a number.
 */

// @spec rfc6455#section-7.4.1
export const CloseCode = {
  /** 1000 "Normal Closure" */
  NormalClosure: 1000,
  /** 1001 "Going Away" */
  GoingAway: 1001,
  /** 1002 "Protocol error" */
  ProtocolError: 1002,
  /** 1003 "Unsupported Data" */
  UnsupportedData: 1003,
  /** 1005 "No Status Rcvd": reported locally, never on the wire. */
  NoStatusReceived: 1005,
  /** 1006 "Abnormal Closure": reported locally, never on the wire. */
  AbnormalClosure: 1006,
  /** 1007 "Invalid frame payload data" */
  InvalidFramePayloadData: 1007,
  /** 1008 "Policy Violation" */
  PolicyViolation: 1008,
  /** 1009 "Message Too Big" */
  MessageTooBig: 1009,
  /** 1010 "Mandatory Ext." (sent by clients only, with the extensions needed as the reason) */
  // @spec rfc6455#section-7.4.1-2.11 "The list of extensions that are needed SHOULD appear in the /reason/ part of the Close frame."
  MandatoryExtension: 1010,
  /** 1011 "Internal Server Error" */
  InternalError: 1011,
  /** 1012 "Service Restart" (IANA, 2012) */
  ServiceRestart: 1012,
  /** 1013 "Try Again Later" (IANA, 2012) */
  TryAgainLater: 1013,
  /** 1014 "Bad Gateway" (IANA, 2016) */
  BadGateway: 1014,
  /** 1015 "TLS handshake": reported locally, never on the wire. */
  TlsHandshake: 1015,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The IANA registry's "Meaning" column. */
// @spec rfc6455#section-11.7-6
export const CLOSE_CODE_NAMES: Readonly<Record<CloseCode, string>> = {
  [CloseCode.NormalClosure]: 'Normal Closure',
  [CloseCode.GoingAway]: 'Going Away',
  [CloseCode.ProtocolError]: 'Protocol error',
  [CloseCode.UnsupportedData]: 'Unsupported Data',
  [CloseCode.NoStatusReceived]: 'No Status Rcvd',
  [CloseCode.AbnormalClosure]: 'Abnormal Closure',
  [CloseCode.InvalidFramePayloadData]: 'Invalid frame payload data',
  [CloseCode.PolicyViolation]: 'Policy Violation',
  [CloseCode.MessageTooBig]: 'Message Too Big',
  [CloseCode.MandatoryExtension]: 'Mandatory Ext.',
  [CloseCode.InternalError]: 'Internal Server Error',
  [CloseCode.ServiceRestart]: 'Service Restart',
  [CloseCode.TryAgainLater]: 'Try Again Later',
  [CloseCode.BadGateway]: 'Bad Gateway',
  [CloseCode.TlsHandshake]: 'TLS handshake',
};

/** Codes of 1000-2999 that may appear in a Close frame: registered, and not reserved for local use. */
const WIRE_CODES_1000_2999: ReadonlySet<number> = new Set<number>([
  CloseCode.NormalClosure,
  CloseCode.GoingAway,
  CloseCode.ProtocolError,
  CloseCode.UnsupportedData,
  CloseCode.InvalidFramePayloadData,
  CloseCode.PolicyViolation,
  CloseCode.MessageTooBig,
  CloseCode.MandatoryExtension,
  CloseCode.InternalError,
  CloseCode.ServiceRestart,
  CloseCode.TryAgainLater,
  CloseCode.BadGateway,
]);

/**
 * Whether `code` may be put in a Close frame, and accepted from one.
 *
 * - 1004 is reserved, and 1005, 1006 and 1015 are for reporting only: they
 *   "MUST NOT be set as a status code in a Close control frame".
 * - The rest of 1000-2999 is reserved for this protocol and is only valid
 *   once registered; 0-999 is not used.
 * - 3000-3999 (registered with IANA) and 4000-4999 (private use) are open to
 *   applications.
 *
 * Sending and receiving share one rule: a code that is invalid to send is
 * exactly a code whose receipt is a protocol error.
 */
// @spec rfc6455#section-7.4.1-2.6 "1005 is a reserved value and MUST NOT be set as a status code in a Close control frame by an endpoint."
// @spec rfc6455#section-7.4.1-2.7 "1006 is a reserved value and MUST NOT be set as a status code in a Close control frame by an endpoint."
// @spec rfc6455#section-7.4.1-2.13 "1015 is a reserved value and MUST NOT be set as a status code in a Close control frame by an endpoint."
// @spec rfc6455#section-7.4.2
export function isValidCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return WIRE_CODES_1000_2999.has(code);
}

/** Whether an endpoint may send `code` in a Close frame: every pre-defined code that is not for local use, 1003 included. */
// @spec rfc6455#section-7.4.1-1 "Endpoints MAY use the following pre-defined status codes when sending a Close frame."
// @spec rfc6455#section-7.4.1-2.4 "1003 indicates that an endpoint is terminating the connection because it has received a type of data it cannot accept"
export function isValidCloseCodeToSend(code: number): boolean {
  return isValidCloseCode(code);
}

/** Whether a received Close frame's `code` is acceptable (otherwise: 1002). */
export function isValidCloseCodeReceived(code: number): boolean {
  return isValidCloseCode(code);
}
