/**
 * Negotiating permessage-deflate (RFC 7692 §7.1, cited in plain words: it
 * is not in the corpus). Server and client cases in pairs, each naming
 * the RFC 7692 rule it checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExtensions, serializeExtension } from '../../src/protocol/handshake/extensions.ts';
import type { Extension } from '../../src/protocol/handshake/extensions.ts';
import { acceptDeflateOffer, acceptDeflateResponse, deflateOffer, parseDeflateParams } from '../../src/protocol/extensions/index.ts';
import type { DeflateOptions } from '../../src/protocol/extensions/index.ts';

function parse(value: string): Extension[] {
  const parsed = parseExtensions([value]);
  if (parsed === null) throw new Error(`not an extension list: ${value}`);
  return parsed;
}

function accept(offer: string, options: DeflateOptions = {}): string | null {
  const accepted = acceptDeflateOffer(parse(offer), options);
  return accepted === null ? null : serializeExtension(accepted.response);
}

function respond(response: string, options: DeflateOptions = {}) {
  return acceptDeflateResponse(parse(response)[0]!, options);
}

describe('the client offer (RFC 7692 §5, §7.1)', () => {
  it('offers client_max_window_bits without a value by default, as the WHATWG example and browsers do', () => {
    expect(serializeExtension(deflateOffer())).toBe('permessage-deflate; client_max_window_bits');
  });

  it('offers every parameter it is asked for, values in decimal', () => {
    const offer = deflateOffer({ serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10, clientMaxWindowBits: 9 });
    expect(serializeExtension(offer)).toBe(
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=9',
    );
    expect(serializeExtension(deflateOffer({ clientMaxWindowBits: false }))).toBe('permessage-deflate');
  });

  it('refuses window sizes outside 8 to 15 in its own options', () => {
    expect(() => deflateOffer({ serverMaxWindowBits: 7 })).toThrow(RangeError);
    expect(() => deflateOffer({ clientMaxWindowBits: 16 })).toThrow(RangeError);
    expect(() => acceptDeflateOffer([], { serverMaxWindowBits: 9.5 })).toThrow(RangeError);
  });
});

describe('the server declines an invalid offer (RFC 7692 §7.1)', () => {
  it.each([
    ['an unknown parameter', 'permessage-deflate; x_window=3'],
    ['a repeated parameter', 'permessage-deflate; server_no_context_takeover; server_no_context_takeover'],
    ['server_no_context_takeover with a value', 'permessage-deflate; server_no_context_takeover=1'],
    ['client_no_context_takeover with a value', 'permessage-deflate; client_no_context_takeover=true'],
    ['server_max_window_bits without a value', 'permessage-deflate; server_max_window_bits'],
    ['server_max_window_bits below 8', 'permessage-deflate; server_max_window_bits=7'],
    ['server_max_window_bits above 15', 'permessage-deflate; server_max_window_bits=16'],
    ['a window size with a leading zero', 'permessage-deflate; server_max_window_bits=09'],
    ['a window size that is not a number', 'permessage-deflate; client_max_window_bits=big'],
    ['client_max_window_bits above 15', 'permessage-deflate; client_max_window_bits="16"'],
  ])('with %s', (_what, offer) => {
    expect(accept(offer)).toBeNull();
  });

  it('accepts the first valid offer in the client\'s order of preference [rfc6455#section-9.1-8]', () => {
    const offers = 'permessage-deflate; server_max_window_bits=20, x-other, permessage-deflate; server_max_window_bits=10, permessage-deflate';
    expect(accept(offers)).toBe('permessage-deflate; server_max_window_bits=10');
  });

  it('answers no other extension than permessage-deflate [rfc6455#section-9-1]', () => {
    expect(accept('x-webkit-deflate-frame, foo; bar=1')).toBeNull();
  });

  it('reads a quoted window size as its token (RFC 6455 §9.1 grammar) [rfc6455#section-9.1-2]', () => {
    expect(accept('permessage-deflate; server_max_window_bits="12"')).toBe('permessage-deflate; server_max_window_bits=12');
  });
});

describe('the server\'s response to a valid offer (RFC 7692 §7.1.1, §7.1.2)', () => {
  it('accepts a bare offer with a bare response', () => {
    expect(accept('permessage-deflate')).toBe('permessage-deflate');
    expect(accept('permessage-deflate; client_max_window_bits')).toBe('permessage-deflate');
  });

  it('includes server_no_context_takeover when it was offered, or when configured', () => {
    expect(accept('permessage-deflate; server_no_context_takeover')).toBe('permessage-deflate; server_no_context_takeover');
    expect(accept('permessage-deflate', { serverNoContextTakeover: true })).toBe('permessage-deflate; server_no_context_takeover');
  });

  it('confirms client_no_context_takeover when offered, and may ask for it unasked', () => {
    expect(accept('permessage-deflate; client_no_context_takeover')).toBe('permessage-deflate; client_no_context_takeover');
    expect(accept('permessage-deflate', { clientNoContextTakeover: true })).toBe('permessage-deflate; client_no_context_takeover');
  });

  it('answers server_max_window_bits with the same or a smaller value, and may name one unasked', () => {
    expect(accept('permessage-deflate; server_max_window_bits=12')).toBe('permessage-deflate; server_max_window_bits=12');
    expect(accept('permessage-deflate; server_max_window_bits=12', { serverMaxWindowBits: 10 })).toBe('permessage-deflate; server_max_window_bits=10');
    expect(accept('permessage-deflate; server_max_window_bits=9', { serverMaxWindowBits: 10 })).toBe('permessage-deflate; server_max_window_bits=9');
    expect(accept('permessage-deflate', { serverMaxWindowBits: 11 })).toBe('permessage-deflate; server_max_window_bits=11');
  });

  it('names client_max_window_bits only when the offer has it, at most the value offered', () => {
    expect(accept('permessage-deflate', { clientMaxWindowBits: 10 })).toBe('permessage-deflate');
    expect(accept('permessage-deflate; client_max_window_bits', { clientMaxWindowBits: 10 })).toBe('permessage-deflate; client_max_window_bits=10');
    expect(accept('permessage-deflate; client_max_window_bits=9', { clientMaxWindowBits: 10 })).toBe('permessage-deflate; client_max_window_bits=9');
  });

  it('keeps the client to the window it offered even when the response is silent', () => {
    const accepted = acceptDeflateOffer(parse('permessage-deflate; client_max_window_bits=11'));
    expect(accepted?.agreement).toEqual({ serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: 15, clientMaxWindowBits: 11 });
  });
});

describe('the client fails on an invalid response (RFC 7692 §7.1)', () => {
  it.each([
    ['an unknown parameter', 'permessage-deflate; foo'],
    ['a repeated parameter', 'permessage-deflate; client_max_window_bits=10; client_max_window_bits=10'],
    ['client_max_window_bits without a value', 'permessage-deflate; client_max_window_bits'],
    ['server_max_window_bits out of range', 'permessage-deflate; server_max_window_bits=16'],
    ['server_no_context_takeover with a value', 'permessage-deflate; server_no_context_takeover="x"'],
  ])('with %s', (_what, response) => {
    expect(typeof respond(response)).toBe('string');
  });

  it('fails when a parameter it offered is not accepted, or accepted above its offer', () => {
    expect(respond('permessage-deflate', { serverNoContextTakeover: true })).toMatch(/server_no_context_takeover/);
    expect(respond('permessage-deflate', { serverMaxWindowBits: 10 })).toMatch(/server_max_window_bits/);
    expect(respond('permessage-deflate; server_max_window_bits=11', { serverMaxWindowBits: 10 })).toMatch(/above/);
    expect(respond('permessage-deflate; client_max_window_bits=12', { clientMaxWindowBits: 10 })).toMatch(/above/);
  });

  it('fails on client_max_window_bits it did not offer', () => {
    expect(respond('permessage-deflate; client_max_window_bits=12', { clientMaxWindowBits: false })).toMatch(/not offered/);
  });

  it('accepts server_no_context_takeover and client_no_context_takeover unasked', () => {
    expect(respond('permessage-deflate; server_no_context_takeover; client_no_context_takeover')).toEqual({
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 15,
    });
  });

  it('uses the window sizes of the response', () => {
    expect(respond('permessage-deflate; server_max_window_bits=9; client_max_window_bits=8')).toMatchObject({ serverMaxWindowBits: 9, clientMaxWindowBits: 8 });
  });
});

const windowBits = fc.integer({ min: 8, max: 15 });
const options: fc.Arbitrary<DeflateOptions> = fc.record(
  {
    serverNoContextTakeover: fc.boolean(),
    clientNoContextTakeover: fc.boolean(),
    serverMaxWindowBits: windowBits,
    clientMaxWindowBits: fc.oneof(windowBits, fc.boolean()),
  },
  { requiredKeys: [] },
);

describe('negotiation properties', () => {
  it('parses what it formats: an offer read back gives the parameters it was made from', () => {
    fc.assert(
      fc.property(options, (opts) => {
        const header = serializeExtension(deflateOffer(opts));
        const [element] = parse(header);
        const params = parseDeflateParams(element!, 'offer');
        const client = opts.clientMaxWindowBits ?? true;
        expect(params).toEqual({
          serverNoContextTakeover: opts.serverNoContextTakeover === true,
          clientNoContextTakeover: opts.clientNoContextTakeover === true,
          serverMaxWindowBits: opts.serverMaxWindowBits ?? null,
          clientMaxWindowBits: client === false ? null : client,
        });
      }),
    );
  });

  it('a client accepts every response the server gives to its offer, and both reach the same agreement', () => {
    fc.assert(
      fc.property(options, options, (clientOptions, serverOptions) => {
        const offer = serializeExtension(deflateOffer(clientOptions));
        const accepted = acceptDeflateOffer(parse(offer), serverOptions);
        expect(accepted).not.toBeNull();
        const response = parse(serializeExtension(accepted!.response))[0]!;
        expect(acceptDeflateResponse(response, clientOptions)).toEqual(accepted!.agreement);
      }),
    );
  });

  it('a window size the server names never exceeds one the client offered', () => {
    fc.assert(
      fc.property(options, options, (clientOptions, serverOptions) => {
        const { agreement } = acceptDeflateOffer([deflateOffer(clientOptions)], serverOptions)!;
        if (clientOptions.serverMaxWindowBits !== undefined) expect(agreement.serverMaxWindowBits).toBeLessThanOrEqual(clientOptions.serverMaxWindowBits);
        if (typeof clientOptions.clientMaxWindowBits === 'number') expect(agreement.clientMaxWindowBits).toBeLessThanOrEqual(clientOptions.clientMaxWindowBits);
        if (clientOptions.serverNoContextTakeover === true) expect(agreement.serverNoContextTakeover).toBe(true);
      }),
    );
  });
});
