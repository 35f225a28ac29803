import { describe, expect, it } from 'vitest';
import { extractAnnotations, regionAfter } from '../../src/trace/annotations.ts';

const SOURCE = `import x from 'y';

// @spec rfc6455#section-5.5-3 "All control frames MUST have a payload length of 125 bytes or less"
if (payload.length > 125) throw new ProtocolError('control frame too long');

/**
 * Parses a close body.
 * @spec rfc6455#section-5.5.1-2
 * @spec rfc6455#section-7.4.1
 */
export function parseClose(body: Uint8Array): Close {
  if (body.length === 1) {
    throw new ProtocolError('one-byte close body');
  }
  return { code: 1000, reason: '' };
}

const after = 1;
// @spec rfc6455#section-5.2-3.2 "RSV1, RSV2, RSV3: 1 bit each MUST be 0 unless an
// extension is negotiated that defines meanings for non-zero values."
const rsvAllowed = extensions.length > 0
  && negotiated;
const next = 2;
`;

describe('code annotations', () => {
  const found = extractAnnotations(SOURCE, 'src/protocol/example.ts');

  it('finds every @spec tag with its file, line and quote', () => {
    expect(found.map(({ id, line, quote }) => ({ id, line, quote }))).toEqual([
      { id: 'rfc6455#section-5.5-3', line: 3, quote: 'All control frames MUST have a payload length of 125 bytes or less' },
      { id: 'rfc6455#section-5.5.1-2', line: 8, quote: null },
      { id: 'rfc6455#section-7.4.1', line: 9, quote: null },
      {
        id: 'rfc6455#section-5.2-3.2',
        line: 19,
        quote:
          'RSV1, RSV2, RSV3: 1 bit each MUST be 0 unless an extension is negotiated that defines meanings for non-zero values.',
      },
    ]);
    expect(found.every((annotation) => annotation.file === 'src/protocol/example.ts')).toBe(true);
  });

  it('covers the statement after a line comment', () => {
    expect(found[0]!.region).toEqual({ start: 4, end: 4 });
  });

  it('covers a whole function after a JSDoc block, through its closing brace', () => {
    expect(found[1]!.region).toEqual({ start: 11, end: 16 });
    expect(found[2]!.region).toEqual({ start: 11, end: 16 });
  });

  it('covers continuation lines of a statement that spans several lines', () => {
    expect(found[3]!.region).toEqual({ start: 21, end: 22 });
  });

  it('covers only the tag line when no code follows', () => {
    expect(regionAfter(['// @spec rfc6455#section-1'], 0)).toEqual({ start: 1, end: 1 });
  });
});

describe('clause IDs in test titles', async () => {
  const { clauseIdsIn } = await import('../../src/trace/clause-ids.ts');
  it('reads one ID, several brackets, and several IDs in one bracket separated by commas or spaces', () => {
    expect(clauseIdsIn('fails with 1002 [rfc6455#section-5.1-3]')).toEqual(['rfc6455#section-5.1-3']);
    expect(clauseIdsIn('x [rfc6455#section-5.1-3] y [whatwg#dom-websocket-close-step-2]')).toEqual([
      'rfc6455#section-5.1-3',
      'whatwg#dom-websocket-close-step-2',
    ]);
    expect(clauseIdsIn('[rfc6455#section-5.1-3, rfc6455#section-7.1.7-1]')).toEqual(['rfc6455#section-5.1-3', 'rfc6455#section-7.1.7-1']);
    expect(clauseIdsIn('[rfc6455#section-5.1-3 rfc6455#section-7.1.7-1]')).toEqual(['rfc6455#section-5.1-3', 'rfc6455#section-7.1.7-1']);
  });
  it('ignores brackets that hold no clause ID', () => {
    expect(clauseIdsIn('array [1, 2] and [RFC2616] and [foo#bar]')).toEqual([]);
  });
});
