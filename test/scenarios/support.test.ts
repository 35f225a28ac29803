/**
 * Every expected line of the catalogue names at least one clause whose
 * words support it, and those words are the clause's (quote-checked as the
 * build checks @spec quotations). The attribution of differences charges
 * only the clauses that govern what differs.
 */
import { describe, expect, it } from 'vitest';
import { CorpusLookup } from '../../src/corpus/index.ts';
import { matchQuote } from '../../src/trace/quotes.ts';
import { attributeDifferences, differingAspects, informative } from '../../src/evidence/attribution.ts';
import { expectLine, SCENARIOS } from '../../src/evidence/scenarios.ts';
import { SUPPORT } from '../../src/evidence/support.ts';

const lookup = new CorpusLookup();

describe('The supporting words of each clause named on an expected line', () => {
  it.each(Object.entries(SUPPORT))('%s: the words are the clause\'s own', (id, support) => {
    expect(lookup.resolve(id)?.kind, `${id} names no clause`).toBe('clause');
    const match = matchQuote(support.words, id, lookup.corpora);
    expect(match.ok, `"${support.words}" is not in ${id}`).toBe(true);
  });

  it.each(SCENARIOS.map((scenario) => [scenario.id, scenario] as const))('%s: every expected line names a clause whose words support it', (_id, scenario) => {
    for (const expected of scenario.expected) {
      const supported = expected.clauses.filter((clause) => SUPPORT[clause] !== undefined);
      expect(supported, `${scenario.id}: "${expected.line}" names no clause with recorded supporting words (${expected.clauses.join(', ') || 'none'})`).not.toEqual([]);
      for (const clause of expected.clauses) expect(lookup.resolve(clause), `${scenario.id}: ${clause}`).not.toBeNull();
    }
  });
});

describe('Charging differences clause by clause [rfc6455#section-5.1-1, whatwg#closeWebSocket-step-2, whatwg#feedback-from-the-protocol-11]', () => {
  const masked = SCENARIOS.find((scenario) => scenario.id === 'masked-frame')!;
  const undiciError = `event error ErrorEvent readyState=3 colno=0 error=${JSON.stringify('⟨TypeError name="TypeError" message=""⟩')} filename="" lineno=0 message=""`;
  const close1006 = 'event close CloseEvent readyState=3 code=1006 reason="" wasClean=false';

  it('charges an ErrorEvent with an empty message to the event\'s class only, not to masking nor to the hiding of causes', () => {
    const attribution = attributeDifferences(masked.expected, ['event open Event readyState=1', undiciError, close1006, 'server: request /s/masked-frame', 'server: close 1002 "Frame cannot be masked"']);
    expect(attribution.charged).toEqual(['whatwg#closeWebSocket-step-2']);
  });

  it('charges an error message that names the cause to the rule that no failure information reaches scripts', () => {
    const refusal = SCENARIOS.find((scenario) => scenario.id === 'refuse-403')!;
    const bun = `event error ErrorEvent readyState=3 colno=0 error="⟨Error⟩" filename="" lineno=0 message=${JSON.stringify("WebSocket connection to 'ws://127.0.0.1:PORT/s/refuse-403' failed: Expected 101 status code: 403")}`;
    const charged = attributeDifferences(refusal.expected, [bun, close1006, 'server: request /s/refuse-403']).charged;
    expect(charged).toContain('whatwg#feedback-from-the-protocol-11');
    expect(charged).not.toContain('rfc6455#section-4.1-8.1');
  });

  it('charges close code 0 to the clauses that name 1006, and a missing error event to the clauses that require one', () => {
    const drop = SCENARIOS.find((scenario) => scenario.id === 'server-drop')!;
    const deno = attributeDifferences(drop.expected, ['event open Event readyState=1', 'event error Event readyState=3', 'event close CloseEvent readyState=3 code=0 reason="" wasClean=false', 'server: request /s/server-drop']);
    expect(deno.charged).toEqual(['rfc6455#section-7.1.5-1', 'whatwg#closeWebSocket-step-3', 'whatwg#feedback-from-the-protocol-12.7', 'whatwg#feedback-from-the-protocol-13']);
    const chromium = attributeDifferences(drop.expected, ['event open Event readyState=1', close1006, 'server: request /s/server-drop']);
    expect(chromium.charged).toEqual(['rfc6455#section-7.2.1-2', 'whatwg#closeWebSocket-step-2']);
  });

  it('reads which parts of a line differ, with wildcards', () => {
    expect(differingAspects(expectLine.close(1006, '', false).line, 'event close CloseEvent readyState=3 code=0 reason="" wasClean=false')).toEqual(['code']);
    expect(differingAspects('server: close 1007 *', 'server: close 1002 "x"')).toEqual(['code']);
    expect(differingAspects('event close CloseEvent readyState=3 code=* reason=* wasClean=true', 'event close CloseEvent readyState=3 code=1000 reason="x" wasClean=true')).toEqual([]);
    expect(informative('""')).toBe(false);
    expect(informative(JSON.stringify('⟨TypeError name="TypeError" message=""⟩'))).toBe(false);
    expect(informative('"Expected 101 status code: 403"')).toBe(true);
  });
});
