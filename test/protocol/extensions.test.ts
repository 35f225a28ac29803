import { describe, expect, it } from 'vitest';
import { parseExtensions, serializeExtension } from '../../src/protocol/index.ts';

describe('Sec-WebSocket-Extensions [rfc6455#section-9.1-2]', () => {
  it('parses the examples of §9.1 [rfc6455#section-9.1-11]', () => {
    expect(parseExtensions(['deflate-stream'])).toEqual([{ name: 'deflate-stream', params: [] }]);
    expect(parseExtensions(['mux; max-channels=4; flow-control, deflate-stream'])).toEqual([
      { name: 'mux', params: [['max-channels', '4'], ['flow-control', null]] },
      { name: 'deflate-stream', params: [] },
    ]);
  });

  it('reads split fields as one list [rfc6455#section-9.1-3, rfc6455#section-9.1-6]', () => {
    expect(parseExtensions(['foo', 'bar; baz=2'])).toEqual(parseExtensions(['foo, bar; baz=2']));
  });

  it('unquotes a quoted parameter value that is a token [rfc6455#section-4.3-4, rfc6455#section-9.1-2]', () => {
    expect(parseExtensions(['foo; bar="baz"'])).toEqual([{ name: 'foo', params: [['bar', 'baz']] }]);
  });

  it('rejects values that do not match the grammar [rfc6455#section-9.1-1]', () => {
    for (const value of ['', 'foo;', '; foo', 'foo bar', 'foo; a=', 'foo; =b', 'foo; a="b c"', 'foo; a="b;c"', 'foo; a=b=c', '"foo"']) {
      expect(parseExtensions([value]), value).toBeNull();
    }
  });

  it('serializes what it parses', () => {
    const [extension] = parseExtensions(['permessage-deflate; client_max_window_bits; server_max_window_bits=10'])!;
    expect(serializeExtension(extension!)).toBe('permessage-deflate; client_max_window_bits; server_max_window_bits=10');
  });
});
