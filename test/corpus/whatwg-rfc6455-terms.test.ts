import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/corpus/sources/paths.ts';
import {
  RFC6455_TERMS,
  RFC6455_TERM_SECTION_IDS,
  normalizeTerm,
  rfcSectionOfTerm,
  rfcSectionOfUrl,
} from '../../src/corpus/html/index.ts';

/** RFC 6455 sections by number, page furniture removed, whitespace collapsed (heading line included). */
function rfcSections(): Map<string, string> {
  const lines = readSource('rfc6455')
    .replace(/\f/g, '\n')
    .split('\n')
    .filter((line) => !/^Fette & Melnikov\s+Standards Track\s+\[Page \d+\]$/.test(line) && !/^RFC 6455\s+The WebSocket Protocol\s+December 2011$/.test(line));
  const sections = new Map<string, string>();
  let current: string | null = null;
  let text: string[] = [];
  const close = (): void => {
    if (current) sections.set(current, text.join(' ').replace(/\s+/g, ' '));
  };
  for (const line of lines) {
    const heading = /^(\d+(?:\.\d+)*)\.\s{2}\S/.exec(line);
    if (heading?.[1]) {
      close();
      current = heading[1];
      text = [];
    }
    text.push(line);
  }
  close();
  return sections;
}

describe('RFC 6455 term table (API phrase → the RFC section that defines it)', () => {
  const sections = rfcSections();

  it.each(RFC6455_TERMS.map((t) => [t.term, t.section, t.definedAs] as const))('"%s" is defined in RFC 6455 §%s (as %s)', (_term, section, definedAs) => {
    const text = sections.get(section);
    expect(text, `RFC 6455 has a section ${section}`).toBeDefined();
    expect(text).toContain(definedAs.replace(/\s+/g, ' '));
  });

  it('maps the phrases of the brief to their sections', () => {
    expect(rfcSectionOfTerm('establish a WebSocket connection')).toBe('section-4.1');
    expect(rfcSectionOfTerm('fail the WebSocket connection')).toBe('section-7.1.7');
    expect(rfcSectionOfTerm('start the WebSocket closing handshake')).toBe('section-7.1.2');
    expect(rfcSectionOfTerm('the WebSocket closing handshake is started')).toBe('section-7.1.3');
    expect(rfcSectionOfTerm('the WebSocket connection is closed')).toBe('section-7.1.4');
    expect(rfcSectionOfTerm('the WebSocket connection close code')).toBe('section-7.1.5');
    expect(rfcSectionOfTerm('the WebSocket connection close reason')).toBe('section-7.1.6');
    expect(rfcSectionOfTerm('send a WebSocket Message')).toBe('section-6.1');
    expect(rfcSectionOfTerm('a WebSocket message has been received')).toBe('section-6.2');
    expect(rfcSectionOfTerm('extensions in use')).toBe('section-4.1');
    expect(rfcSectionOfTerm('subprotocol in use')).toBe('section-4.1');
  });

  it('normalizes case, spacing, the 2009 spelling "Web Socket" and a leading "the"', () => {
    expect(normalizeTerm('  The Web Socket\n   connection is  established ')).toBe('websocket connection is established');
    expect(rfcSectionOfTerm('Web Socket connection is established')).toBe('section-4.1');
    expect(rfcSectionOfTerm('fail the websocket connection')).toBe('section-7.1.7');
    expect(rfcSectionOfTerm('a WebSocket error has been detected')).toBeNull();
    expect(rfcSectionOfTerm('queue a task')).toBeNull();
  });

  it('reads section links to RFC 6455 from the usual hosts, and nothing else', () => {
    expect(rfcSectionOfUrl('https://datatracker.ietf.org/doc/html/rfc6455#section-4.1')).toBe('section-4.1');
    expect(rfcSectionOfUrl('http://tools.ietf.org/html/rfc6455#section-4.1')).toBe('section-4.1');
    expect(rfcSectionOfUrl('https://www.rfc-editor.org/rfc/rfc6455.html#section-7.1.7')).toBe('section-7.1.7');
    expect(rfcSectionOfUrl('https://datatracker.ietf.org/doc/html/rfc6455#page-19')).toBeNull();
    expect(rfcSectionOfUrl('https://datatracker.ietf.org/doc/html/rfc6797#section-4.1')).toBeNull();
    expect(rfcSectionOfUrl('#section-4.1')).toBeNull();
  });

  it('produces only valid section IDs (rfc6455#section-N) that exist in the RFC', () => {
    for (const id of RFC6455_TERM_SECTION_IDS) {
      const match = /^rfc6455#section-(\d+(?:\.\d+)*)$/.exec(id);
      expect(match, id).not.toBeNull();
      expect(sections.has(match?.[1] ?? '')).toBe(true);
    }
  });
});
