/**
 * Where an extension plugs into the connection (RFC 6455 §9): negotiated
 * during the opening handshake, then applied to every data frame.
 *
 * The core stays extension-agnostic. A negotiated extension is a
 * `MessageExtension`: it claims RSV bits, decodes the payload of each data
 * frame of a message whose first frame carries those bits, and encodes
 * what the application sends. Negotiation goes through `ClientExtension`
 * (offer, then read the server's answer) and `ServerExtension` (read the
 * offers, answer). Compression itself (a zlib stream) is injected by the
 * adapter: nothing here imports Node.
 */
import type { Extension } from './handshake/extensions.ts';

/** An extension in use on a connection. */
export interface MessageExtension {
  /** Its registered name, e.g. `permessage-deflate`. */
  readonly name: string;
  /**
   * The RSV bits it gives meaning to on the first frame of a data message:
   * 0x40 RSV1, 0x20 RSV2, 0x10 RSV3 (as in the frame's first byte).
   * Continuation and control frames keep every RSV bit 0.
   */
  readonly rsvBits: number;
  /**
   * Receiving: the payload of one data frame of a message whose first frame
   * had `rsvBits` set, in order; `fin` on the message's last frame. Returns
   * the decoded bytes (possibly empty until the last frame). `limit` is how
   * many decoded bytes the message may still grow by: an extension that
   * would produce more throws `ProtocolError('WS_ERR_MESSAGE_TOO_BIG')`
   * (1009) before producing them. Any other ProtocolError fails the
   * connection with its close code.
   */
  decode(payload: Uint8Array, fin: boolean, limit: number): Uint8Array;
  /**
   * Sending: the payload of one data frame (`first`: the first frame of its
   * message; `fin`: the last). Returns the bytes to frame and whether the
   * message is encoded (read on the first frame only, which then carries
   * `rsvBits`); the later frames of an encoded message must be encoded too.
   */
  encode(payload: Uint8Array, first: boolean, fin: boolean): { payload: Uint8Array; encoded: boolean };
  /** The connection is closed: free what the extension holds (zlib streams). */
  dispose?(): void;
}

/** A client's side of the negotiation of one extension. */
export interface ClientExtension {
  readonly name: string;
  /** The offer, as one element of Sec-WebSocket-Extensions. */
  offer(): Extension;
  /**
   * The server accepted it with these parameters: the extension in use, or
   * a thrown `HandshakeError('WS_ERR_INVALID_EXTENSIONS')`, which fails the
   * connection (the response does not match what was offered).
   */
  accept(response: Extension): MessageExtension;
}

/** A server's side of the negotiation of one extension. */
export interface ServerExtension {
  readonly name: string;
  /**
   * The client's offers of this extension, in its order of preference:
   * the element to answer with and the extension in use, or null to decline.
   */
  negotiate(offers: readonly Extension[]): { response: Extension; extension: MessageExtension } | null;
}
