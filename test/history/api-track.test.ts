/**
 * The computed API track on the real corpus: the 315 W3C editor's-draft
 * revisions, the six /TR publications, the WHATWG versions 2021–2025 and
 * its Review Drafts (spec cache synced by `npm run sync`).
 *
 * The seed (seeds/000_5a4e17698483439e.txt, a Japanese blog post) quotes two
 * revisions of the W3C editor's draft; the facts below were checked against
 * the raw HTML of r1.209 → r1.210 and r1.270 → r1.271 (`diff` of the files):
 * besides the date in the status section and the "Editor's Draft <date>"
 * heading (page chrome), r1.210 adds exactly the redirect paragraph and the
 * security warning after constructor step 7, and r1.271 adds exactly one
 * `<div class=warning>` (the "must not convey" paragraph, its seven-item
 * list, the 1006 paragraph, the probing paragraph and the 1015 note)
 * followed by an `<hr>`.
 *
 * Clause IDs appear in titles in parentheses, not in the `[id]` annotation
 * form: these tests check the history of the texts, not the behaviour the
 * traceability matrix maps tests to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/corpus/sources/paths.ts';
import {
  apiHistoryInput,
  buildApiHistory,
  computeApiHistory,
  diffAfter,
  diffBefore,
  w3cClauseHistory,
  w3cCounterpart,
  w3cRevision,
  w3cRevisionChanges,
  whatwgClauseHistory,
  whatwgCounterpart,
  whatwgVersion,
  whatwgVersionChanges,
  type ApiHistory,
  type ClauseChange,
  type W3cClauseHistory,
  type WhatwgClauseHistory,
} from '../../src/history/api-track/index.ts';

/** The seed's quotations of the two diffs, verbatim (diff markers and line breaks included). */
const SEED_R1210 = `+    When the user agent validates the server's response during
+    the "establish a WebSocket connection" algorithm, if
+    the status code received from the server is not 101 (e.g. it is a
+    redirect), the user agent must fail the websocket
+    connection.`;
const SEED_R1271 = `+   User agents must not convey any failure information to scripts
+   in a way that would allow a script to distinguish the following
+   situations:`;
const SEED_LOG_R1210 = 'Block redirects in WebSockets (whatwg r6148)';
const SEED_LOG_R1271 =
  'Clarify what codes are exposed in case of error, since this text was mysteriously removed from the RFC at some point. (whatwg r7175)';

/** Drops the diff markers and collapses whitespace (case kept). */
const unquote = (quote: string): string =>
  quote
    .split('\n')
    .map((line) => line.replace(/^\+/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

const SEED_PATH = join(REPO_ROOT, '..', 'shared', 'seeds', '000_5a4e17698483439e.txt');

let history: ApiHistory;
const w3c = (anchor: string): W3cClauseHistory => {
  const clause = w3cClauseHistory(anchor);
  if (clause === null) throw new Error(`no CR clause ${anchor}`);
  return clause;
};
const whatwg = (anchor: string): WhatwgClauseHistory => {
  const clause = whatwgClauseHistory(anchor);
  if (clause === null) throw new Error(`no WHATWG clause ${anchor}`);
  return clause;
};
const at = (clause: { changes: ClauseChange[] }, label: string): ClauseChange[] => clause.changes.filter((c) => c.label === label);
const summary = (clause: { changes: ClauseChange[] }): string[] => clause.changes.map((c) => `${c.kind} ${c.label}`);

beforeAll(() => {
  history = computeApiHistory();
  console.log(
    `API track: ${history.w3c.revisions.length} W3C revisions, ${history.w3c.publications.length} /TR, ${history.whatwg.versions.length} WHATWG versions; ` +
      `load ${history.timing.loadMs} ms, compute ${history.timing.computeMs} ms, total ${history.timing.totalMs} ms`,
  );
}, 60_000);

describe('the seed’s two revisions', () => {
  it('quotes the seed exactly (checked against the seed file when it is beside the repository)', () => {
    if (!existsSync(SEED_PATH)) return;
    const seed = readFileSync(SEED_PATH, 'utf8');
    for (const quote of [SEED_R1210, SEED_R1271, SEED_LOG_R1210, SEED_LOG_R1271]) expect(seed).toContain(quote);
  });

  it('r1.210 adds the redirect paragraph, exactly as the seed quotes it (lower-case "websocket") (w3c#dom-websocket-step-8-2)', () => {
    const clause = w3c('dom-websocket-step-8-2');
    expect(clause.lineage).toBe('editors-draft');
    const [added] = clause.changes;
    expect(added).toMatchObject({
      kind: 'added',
      label: 'r1.210',
      revision: '1.210',
      date: '2011-05-24',
      log: SEED_LOG_R1210,
      whatwgSvnRevision: 6148,
      cvsweb: 'http://dev.w3.org/cvsweb/html5/websockets/Overview.html#rev1.210',
      before: null,
      anchorBefore: null,
      anchorAfter: 'dom-websocket-step-7-2',
    });
    expect(added?.url).toBe(`https://github.com/w3c/websockets/blob/${added?.commit ?? ''}/Overview.html`);
    expect(normalize(added?.after ?? '')).toBe(unquote(SEED_R1210));
    expect(added?.diff).toEqual([{ value: added?.after, added: true }]);
  });

  it('the redirect paragraph then only capitalizes "WebSocket" (r1.278) and moves from step 7 to 8 to 9 (w3c#dom-websocket-step-8-2)', () => {
    const clause = w3c('dom-websocket-step-8-2');
    expect(summary(clause)).toEqual(['added r1.210', 'changed r1.278']);
    expect(clause.changes[1]?.diff.filter((p) => p.added || p.removed)).toEqual([
      { value: 'websocket', removed: true },
      { value: 'WebSocket', added: true },
    ]);
    expect(clause.changes[1]?.after).toBe(clause.text);
    expect(clause.anchors).toEqual([
      { from: 'r1.210', to: 'r1.234', anchor: 'dom-websocket-step-7-2' },
      { from: 'r1.235', to: 'r1.301', anchor: 'dom-websocket-step-8-2' },
      { from: 'r1.302', to: 'r1.315', anchor: 'dom-websocket-step-9-2' },
    ]);
  });

  it('r1.271 adds "User agents must not convey any failure information…", as the seed quotes it, with its log message (w3c#feedback-from-the-protocol-12)', () => {
    const clause = w3c('feedback-from-the-protocol-12');
    expect(clause.kind).toBe('note'); // a (normative) warning box
    expect(summary(clause)).toEqual(['added r1.271']);
    const [added] = clause.changes;
    expect(added).toMatchObject({ kind: 'added', revision: '1.271', date: '2012-07-11', log: SEED_LOG_R1271, whatwgSvnRevision: 7175, anchorAfter: 'feedback-from-the-protocol-12' });
    expect(added?.after?.startsWith(unquote(SEED_R1271))).toBe(true);
    expect(added?.after).toBe(
      'User agents must not convey any failure information to scripts in a way that would allow a script to distinguish the following situations:',
    );
  });

  it('r1.271 adds the seven situations as list items of their own, then the 1006, probing and 1015 paragraphs', () => {
    const items = [1, 2, 3, 4, 5, 6, 7].map((i) => w3c(`feedback-from-the-protocol-13.${i}`));
    expect(items.map((c) => c.kind)).toEqual(Array(7).fill('list-item'));
    for (const item of items) expect(summary(item)).toEqual(['added r1.271']);
    expect(items[4]?.text).toBe('A server that did not complete the opening handshake (e.g. because it was not a WebSocket server).');
    for (const anchor of ['feedback-from-the-protocol-14', 'feedback-from-the-protocol-15', 'feedback-from-the-protocol-16']) {
      expect(w3c(anchor).changes[0]).toMatchObject({ kind: 'added', label: 'r1.271' });
    }
    // The 1006 paragraph came with a doubled "the", kept to the CR.
    expect(w3c('feedback-from-the-protocol-14').text).toContain('In all of these cases, the the WebSocket connection close code would be 1006');
  });

  it('r1.210 changes nothing else but the date of the draft (whole document)', () => {
    const changes = w3cRevisionChanges('1.210').map((c) => [c.kind, c.anchorBefore, c.anchorAfter, c.current]);
    expect(changes).toEqual([
      ['changed', 'status-of-this-document-8', 'status-of-this-document-8', 'status-of-this-document-6'],
      ['added', null, 'dom-websocket-step-7-2', 'dom-websocket-step-8-2'],
      ['added', null, 'dom-websocket-step-7-3', 'dom-websocket-step-8-3'],
    ]);
    const date = w3cRevisionChanges('1.210')[0];
    expect(date?.diff.filter((p) => p.added || p.removed)).toEqual([
      { value: '12', removed: true },
      { value: '24', added: true },
    ]);
    expect(w3cRevisionChanges('1.210')[2]?.after).toMatch(/^Following HTTP procedures here could introduce serious security problems/);
    expect(w3cRevision('1.210')).toMatchObject({ added: 2, changed: 1, removed: 0, documentMatter: 1, documentMatterOnly: false, log: SEED_LOG_R1210 });
    // The revision before only prepared the Last Call ("w3c lc preparation"): no clause changed.
    expect(w3cRevision('1.209')).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('r1.271 changes nothing else but the date of the draft (whole document)', () => {
    const changes = w3cRevisionChanges('r1.271');
    expect(changes.map((c) => [c.kind, c.anchorAfter])).toEqual([
      ['changed', 'status-of-this-document-8'],
      ['added', 'feedback-from-the-protocol-12'],
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => ['added', `feedback-from-the-protocol-13.${i}`]),
      ['added', 'feedback-from-the-protocol-14'],
      ['added', 'feedback-from-the-protocol-15'],
      ['added', 'feedback-from-the-protocol-16'],
    ]);
    expect(changes.slice(1).every((c) => c.current === c.anchorAfter)).toBe(true);
    expect(w3cRevision('w3c-ed-r1.271')).toMatchObject({ added: 11, changed: 1, removed: 0, documentMatter: 1, log: SEED_LOG_R1271 });
    // Nearly half the revisions only change the draft's date.
    expect(history.w3c.revisions.filter((r) => r.documentMatterOnly).length).toBeGreaterThan(100);
  });
});

describe('the six /TR publications on the timeline', () => {
  it('each falls after the revision it was made from', () => {
    expect(history.w3c.publications.map((p) => [p.label, p.baseLabel])).toEqual([
      ['WD 2011-04-19', 'r1.205'],
      ['LCWD 2011-09-29', 'r1.242'],
      ['CR 2011-12-08', 'r1.253'],
      ['LCWD 2012-05-24', 'r1.268'],
      ['LCWD 2012-08-09', 'r1.273'],
      ['CR 2012-09-20', 'r1.279'],
    ]);
    expect(history.w3c.crBase).toBe('r1.279');
    const marked = history.w3c.revisions.filter((r) => r.publications.length > 0).map((r) => [r.label, r.publications]);
    expect(marked).toEqual([
      ['r1.205', ['w3c-tr-2011-04-19']],
      ['r1.242', ['w3c-tr-2011-09-29']],
      ['r1.253', ['w3c-tr-2011-12-08']],
      ['r1.268', ['w3c-tr-2012-05-24']],
      ['r1.273', ['w3c-tr-2012-08-09']],
      ['r1.279', ['w3c-tr-2012-09-20']],
    ]);
  });

  it('the redirect paragraph is first published in the LCWD of 2011-09-29 (w3c#dom-websocket-step-8-2)', () => {
    const marks = w3c('dom-websocket-step-8-2').publications;
    expect(marks.map((m) => [m.label, m.present, m.sameAs, m.matchesBase])).toEqual([
      ['WD 2011-04-19', false, null, false],
      ['LCWD 2011-09-29', true, 'r1.210', true],
      ['CR 2011-12-08', true, 'r1.210', true],
      ['LCWD 2012-05-24', true, 'r1.210', true],
      ['LCWD 2012-08-09', true, 'r1.210', true],
      ['CR 2012-09-20', true, 'r1.278', true],
    ]);
  });

  it('"must not convey" is first published in the LCWD of 2012-08-09 (w3c#feedback-from-the-protocol-12)', () => {
    const marks = w3c('feedback-from-the-protocol-12').publications;
    expect(marks.map((m) => [m.label, m.present, m.sameAs])).toEqual([
      ['WD 2011-04-19', false, null],
      ['LCWD 2011-09-29', false, null],
      ['CR 2011-12-08', false, null],
      ['LCWD 2012-05-24', false, null],
      ['LCWD 2012-08-09', true, 'r1.271'],
      ['CR 2012-09-20', true, 'r1.271'],
    ]);
  });

  it('the CR 2012 keeps the DOMString binaryType of r1.244, not the enum of r1.274 that its base revision has (w3c#dom-websocket-binarytype)', () => {
    const cr = w3c('dom-websocket-binarytype').publications.at(-1);
    expect(cr).toMatchObject({ label: 'CR 2012-09-20', present: true, sameAs: 'r1.244', matchesBase: false });
    expect(cr?.diffFromBase?.filter((p) => p.added).map((p) => p.value.trim())).toContain('Otherwise, throw a SyntaxError exception.');
  });
});

describe('known facts of the W3C drafts', () => {
  it('binaryType arrives with binary data in r1.212, becomes a string in r1.217 and an enum in r1.274 (w3c#dom-websocket-binarytype)', () => {
    const clause = w3c('dom-websocket-binarytype');
    expect(summary(clause)).toEqual(['added r1.212', 'changed r1.217', 'changed r1.244', 'changed r1.274']);
    expect(clause.changes[0]?.log).toBe('WebSockets: binary data (first draft) (whatwg r6151)');
    expect(clause.changes[0]?.after).toContain('must be set to the Blob interface object');
    expect(clause.changes[1]?.log).toBe('Make WebSocket.binaryType more like XHR.responseType (whatwg r6158)');
    expect(clause.changes[1]?.diff).toContainEqual({ value: 'string "blob"', added: true });
    expect(clause.changes[3]?.log).toBe('Use an enum instead of a DOMString for binaryType. (whatwg r7261)');
  });

  it('CloseEvent gets code and reason in r1.203 (2011-03-24); code becomes an unsigned short in r1.225 (w3c#dom-closeevent-code, w3c#dom-closeevent-reason)', () => {
    for (const anchor of ['dom-closeevent-code', 'dom-closeevent-reason']) {
      expect(w3c(anchor).changes[0]).toMatchObject({ kind: 'added', label: 'r1.203', date: '2011-03-24' });
      expect(w3c(anchor).changes[0]?.log).toMatch(/^WebSockets: add reason and code to the event/);
    }
    const idl = w3c('event-definitions-1');
    expect(idl.changes[0]).toMatchObject({ kind: 'added', label: 'r1.160' });
    expect(at(idl, 'r1.203')[0]?.diff.filter((p) => p.added).map((p) => p.value).join('')).toContain('readonly attribute unsigned long code;');
    expect(at(idl, 'r1.225')[0]?.diff).toContainEqual({ value: 'short', added: true });
  });

  it('bufferedAmount: added in r1.94, redefined in r1.157, r1.170 and r1.216, and once more after the CR (r1.311) (w3c#dom-websocket-bufferedamount)', () => {
    const clause = w3c('dom-websocket-bufferedamount');
    expect(summary(clause)).toEqual(['added r1.94', 'changed r1.157', 'changed r1.170', 'changed r1.216', 'changed r1.311']);
    expect(clause.changes.map((c) => c.afterCr === true)).toEqual([false, false, false, false, true]);
    expect(clause.changes[3]?.diff).toContainEqual({ value: 'application data (', added: true });
  });

  it('the URL-parsing steps removed in r1.102 are restored in r1.247', () => {
    const step = w3c('parse-a-websocket-url-s-components-step-6');
    expect(step.changes[0]).toMatchObject({ kind: 'added', label: 'r1.247' });
    expect(step.changes[0]?.restores).toMatchObject({ removedIn: 'r1.102', lastIn: 'r1.101', similarity: 1 });
  });
});

describe('every CR 2012 clause', () => {
  it('has a lineage that starts with an added change: in r1.1 … r1.279, or (W3C publication matter only) in a /TR publication', () => {
    const clauses = history.w3c.clauses;
    expect(clauses).toHaveLength(198);
    for (const clause of clauses) {
      expect(clause.changes[0]?.kind, clause.anchor).toBe('added');
      expect(clause.changes.filter((c) => c.kind === 'added'), clause.anchor).toHaveLength(1);
    }
    const fromR11 = clauses.filter((c) => c.changes[0]?.label === 'r1.1');
    expect(fromR11.length).toBeGreaterThan(30);
    const publicationOnly = clauses.filter((c) => c.lineage === 'publication-only');
    for (const clause of publicationOnly) {
      expect(clause.section, clause.anchor).toMatch(/^(status-of-this-document|crec|references)$/);
      expect(clause.changes[0]?.revision, clause.anchor).toBeNull();
      expect(clause.publications.at(-1)?.present).toBe(true);
    }
    expect(publicationOnly.map((c) => c.anchor)).toEqual(expect.arrayContaining(['crec-1', 'crec-1-step-1', 'crec-1-step-2']));
  });

  it('chains its changes: each starts where the one before ended, in revision order, with full revision metadata', () => {
    const order = new Map(history.w3c.revisions.map((r, i) => [r.key, i]));
    for (const clause of history.w3c.clauses.filter((c) => c.lineage === 'editors-draft')) {
      clause.changes.forEach((change, k) => {
        expect(change.revision, clause.anchor).not.toBeNull();
        expect(change.log.length).toBeGreaterThan(0);
        expect(change.cvsweb).toBe(`http://dev.w3.org/cvsweb/html5/websockets/Overview.html#rev${change.revision ?? ''}`);
        expect(change.url).toMatch(/^https:\/\/github\.com\/w3c\/websockets\/blob\/[0-9a-f]{40}\/Overview\.html$/);
        const previous = clause.changes[k - 1];
        if (previous === undefined) return;
        expect(change.before, clause.anchor).toBe(previous.after);
        // Anchors may move between changes (a move alone is no change): every anchor is one of the clause's spans.
        expect(clause.anchors.map((a) => a.anchor)).toContain(change.anchorBefore);
        expect(order.get(change.key) ?? 0).toBeGreaterThan(order.get(previous.key) ?? 0);
      });
      // Up to the CR's base revision, the lineage ends on the CR's text when the CR has the base's text.
      const cr = clause.publications.at(-1);
      const lastBeforeCr = clause.changes.filter((c) => c.afterCr !== true).at(-1);
      if (cr?.matchesBase) expect(lastBeforeCr?.after, clause.anchor).toBe(clause.text);
    }
  });

  it('has word diffs that rebuild the text before and after exactly (W3C and WHATWG)', () => {
    let count = 0;
    for (const clause of [...history.w3c.clauses, ...history.whatwg.clauses]) {
      for (const change of clause.changes) {
        expect(diffBefore(change.diff)).toBe(change.before ?? '');
        expect(diffAfter(change.diff)).toBe(change.after ?? '');
        count++;
      }
      const marks = 'publications' in clause ? clause.publications : clause.reviewDrafts;
      for (const mark of marks) if (mark.diffFromBase) expect(diffAfter(mark.diffFromBase)).toBe(mark.text);
    }
    expect(count).toBeGreaterThan(500);
  });

  // How long it takes is a measurement, not a test (STYLE: speed belongs in bench/).
  it('is computed the same way twice (determinism)', () => {
    const again = buildApiHistory(apiHistoryInput()).data;
    const { timing: _timing, ...first } = history;
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });
});

describe('the WHATWG counterpart of each CR clause', () => {
  it('close() steps pair with the WHATWG close() steps (whatwg#dom-websocket-close-step-1, whatwg#dom-websocket-close-step-3-2.3-2)', () => {
    const pairs = history.w3c.clauses
      .filter((c) => c.anchor.startsWith('dom-websocket-close-step-'))
      .map((c) => [c.anchor, c.whatwg?.anchor ?? null]);
    for (const [, counterpart] of pairs) if (counterpart !== null) expect(counterpart).toMatch(/^dom-websocket-close-step-/);
    expect(Object.fromEntries(pairs)).toMatchObject({
      'dom-websocket-close-step-1': 'dom-websocket-close-step-1',
      'dom-websocket-close-step-2': 'dom-websocket-close-step-2',
      'dom-websocket-close-step-2.3': 'dom-websocket-close-step-2.1',
      'dom-websocket-close-step-2.4': 'dom-websocket-close-step-2.2',
      'dom-websocket-close-step-3': 'dom-websocket-close-step-3',
      'dom-websocket-close-step-3-2.2-2': 'dom-websocket-close-step-3-2.2-2',
      'dom-websocket-close-step-3-2.3-2': 'dom-websocket-close-step-3-2.3-2',
      // The raw/Unicode reason steps went with WebIDL's USVString.
      'dom-websocket-close-step-2.1': null,
      'dom-websocket-close-step-2.2': null,
    });
    expect(w3cCounterpart('dom-websocket-close-step-1')?.anchor).toBe('dom-websocket-close-step-1');
  });

  it('"must not convey" and its situations pair with the same text under other anchors (w3c#feedback-from-the-protocol-12, whatwg#feedback-from-the-protocol-11)', () => {
    expect(whatwgCounterpart('feedback-from-the-protocol-12')).toMatchObject({ anchor: 'feedback-from-the-protocol-11', similarity: 1, match: 'close' });
    expect(w3cCounterpart('feedback-from-the-protocol-11')?.anchor).toBe('feedback-from-the-protocol-12');
    for (const i of [1, 2, 3, 4, 5, 6, 7]) expect(whatwgCounterpart(`feedback-from-the-protocol-13.${i}`)?.anchor).toBe(`feedback-from-the-protocol-12.${i}`);
    // Positional anchors shared by both documents name different paragraphs.
    expect(whatwgCounterpart('feedback-from-the-protocol-14')?.anchor).toBe('feedback-from-the-protocol-13');
    expect(w3c('feedback-from-the-protocol-14').text).toMatch(/would be 1006/);
    expect(whatwg('feedback-from-the-protocol-14').text).toMatch(/^Allowing a script to distinguish these cases/);
  });

  it('the redirect paragraph pairs (loosely) with the Fetch-integrated step "its status is not 101, fail the WebSocket connection" (whatwg#concept-websocket-establish-step-11.1)', () => {
    const counterpart = whatwgCounterpart('dom-websocket-step-8-2');
    expect(counterpart).toMatchObject({ anchor: 'concept-websocket-establish-step-11.1', match: 'loose' });
    expect(counterpart?.text).toBe('If response is a network error or its status is not 101, fail the WebSocket connection.');
    expect(whatwgCounterpart('dom-websocket-step-8-3')?.anchor).toBe('websocket-opening-handshake-4');
  });

  it('gives a reason when there is none', () => {
    expect(w3c('status-of-this-document-6').noWhatwg?.reason).toBe('w3c-front-matter');
    expect(w3c('dom-websocket-binarytype').noWhatwg).toMatchObject({
      reason: 'removed-in-whatwg',
      whatwgRemoved: { version: 'fee98ff', log: 'Editorial: slightly modernize API definitions' },
    });
    expect(w3c('parse-a-websocket-url-s-components-step-1').noWhatwg?.reason).toBe('no-similar-text');
    for (const clause of history.w3c.clauses) expect((clause.whatwg === null) !== (clause.noWhatwg === null), clause.anchor).toBe(true);
  });

  it('pairs one-to-one, both ways', () => {
    const paired = history.w3c.clauses.filter((c) => c.whatwg !== null);
    expect(new Set(paired.map((c) => c.whatwg?.anchor)).size).toBe(paired.length);
    for (const clause of paired) expect(w3cCounterpart(clause.whatwg?.anchor ?? '')?.anchor).toBe(clause.anchor);
    expect(history.whatwg.clauses.filter((c) => c.w3c !== null)).toHaveLength(paired.length);
  });
});

describe('the WHATWG standard’s own history (2021–2025)', () => {
  it('has the versions in commit order and the three Review Drafts placed on their publication commits', () => {
    expect(history.whatwg.versions[0]).toMatchObject({ label: '7a2d1b2', date: '2021-01-20', log: 'Initial commit' });
    expect(history.whatwg.versions.at(-1)?.label).toBe('1b3525c');
    expect(history.whatwg.reviewDrafts.map((d) => [d.label, d.baseLabel, d.identical === d.clauseCount])).toEqual([
      ['Review Draft 2022-03', '227f329', true],
      ['Review Draft 2022-09', '26fa25f', true],
      ['Review Draft 2023-09', '5c9cc9e', true],
    ]);
  });

  it('shows the 2023 change that lets the constructor accept http: and https: URLs (771cd4f) (whatwg#dom-websocket-websocket-step-4, whatwg#dom-websocket-websocket-step-5)', () => {
    const version = whatwgVersion('771cd4f');
    expect(version).toMatchObject({ date: '2023-05-12', log: 'Allow HTTP(S) schemes in the WebSocket constructor' });
    for (const anchor of ['dom-websocket-websocket-step-4', 'dom-websocket-websocket-step-5']) {
      const clause = whatwg(anchor);
      expect(summary(clause)).toEqual(['added 771cd4f']);
      expect(clause.changes[0]?.url).toBe('https://github.com/whatwg/websockets/blob/771cd4ffa1385c0b66ac17d0e82015f354359e36/index.bs');
      expect(clause.reviewDrafts.map((m) => [m.label, m.present])).toEqual([
        ['Review Draft 2022-03', false],
        ['Review Draft 2022-09', false],
        ['Review Draft 2023-09', true],
      ]);
    }
    expect(whatwg('dom-websocket-websocket-step-4').text).toBe('If urlRecord\'s scheme is "http", then set urlRecord\'s scheme to "ws".');
    const intro = at(whatwg('interface-definition-7.1-3'), '771cd4f')[0];
    expect(intro?.diff.filter((p) => p.added).map((p) => p.value).join('')).toContain('"http", and "https"');
    expect(intro?.diff).toContainEqual({ value: 'or ', removed: true });
    const changed = whatwgVersionChanges('771cd4f').map((c) => `${c.kind} ${c.current ?? ''}`);
    expect(changed).toEqual(
      expect.arrayContaining(['added dom-websocket-websocket-step-1', 'changed dom-websocket-websocket-step-2', 'added dom-websocket-websocket-step-4', 'added dom-websocket-websocket-step-5']),
    );
  });

  it('fixes the doubled "the" of the 1006 paragraph in 1a8631f (2021-11-12) (whatwg#feedback-from-the-protocol-13)', () => {
    const clause = whatwg('feedback-from-the-protocol-13');
    expect(summary(clause)).toEqual(['added 7a2d1b2', 'changed 1a8631f']);
    expect(clause.changes[1]?.diff).toContainEqual({ value: 'the ', removed: true });
  });

  it('starts every clause of today with an added change (most in the initial commit)', () => {
    for (const clause of history.whatwg.clauses) expect(clause.changes[0]?.kind, clause.anchor).toBe('added');
    expect(history.whatwg.clauses.filter((c) => c.changes[0]?.label === '7a2d1b2').length).toBeGreaterThan(100);
  });
});
