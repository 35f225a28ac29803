/**
 * Extensions the core negotiates and applies (RFC 6455 §9): one,
 * permessage-deflate (RFC 7692), plugged into the connection through the
 * interfaces of src/protocol/message-extension.ts. The adapter injects the
 * DEFLATE codec with the configuration (src/node/deflate.ts in Node).
 */
import { HandshakeError } from '../errors.ts';
import type { ClientExtension, ServerExtension } from '../message-extension.ts';
import type { DeflateCodec } from './codec.ts';
import { acceptDeflateOffer, acceptDeflateResponse, checkDeflateOptions, deflateOffer, PERMESSAGE_DEFLATE } from './deflate-negotiation.ts';
import type { DeflateOptions } from './deflate-negotiation.ts';
import { PerMessageDeflate } from './permessage-deflate.ts';
import type { PerMessageDeflateOptions } from './permessage-deflate.ts';

export type { DeflateCodec, DeflateCompressor, DeflateDecompressor, DeflateWindow } from './codec.ts';
export type { DeflateAcceptance, DeflateAgreement, DeflateOptions } from './deflate-negotiation.ts';
export { acceptDeflateOffer, acceptDeflateResponse, deflateOffer, parseDeflateParams, PERMESSAGE_DEFLATE } from './deflate-negotiation.ts';
export { DEFAULT_THRESHOLD, DEFLATE_TAIL, PER_MESSAGE_COMPRESSED, PerMessageDeflate } from './permessage-deflate.ts';
export type { PerMessageDeflateOptions } from './permessage-deflate.ts';

/** permessage-deflate as an adapter configures it: parameters, threshold, and the codec. */
export interface PerMessageDeflateConfig extends DeflateOptions, PerMessageDeflateOptions {
  codec: DeflateCodec;
}

/** A server's permessage-deflate: accepts the first valid offer (see `acceptDeflateOffer`). */
export function perMessageDeflateServer(config: PerMessageDeflateConfig): ServerExtension {
  checkDeflateOptions(config);
  return {
    name: PERMESSAGE_DEFLATE,
    negotiate(offers) {
      const accepted = acceptDeflateOffer(offers, config);
      if (accepted === null) return null;
      return { response: accepted.response, extension: new PerMessageDeflate('server', accepted.agreement, config.codec, config) };
    },
  };
}

/**
 * A client's permessage-deflate: offers `deflateOffer(config)` and fails
 * the connection on a response RFC 7692 §7.1 does not allow.
 */
export function perMessageDeflateClient(config: PerMessageDeflateConfig): ClientExtension {
  checkDeflateOptions(config);
  return {
    name: PERMESSAGE_DEFLATE,
    offer: () => deflateOffer(config),
    accept(response) {
      const agreement = acceptDeflateResponse(response, config);
      if (typeof agreement === 'string') throw new HandshakeError('WS_ERR_INVALID_EXTENSIONS', `${PERMESSAGE_DEFLATE}: ${agreement}`);
      return new PerMessageDeflate('client', agreement, config.codec, config);
    },
  };
}
