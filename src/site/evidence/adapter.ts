/**
 * The recorded scenario runs (`.cache/evidence/scenarios.json`, format
 * `wsspec-scenarios/1`, written by src/evidence; `toEvidenceRun` of
 * src/evidence/track.ts gives the `EvidenceRun` shape of the timeline) as
 * the History pages print them: short descriptions of what a script saw,
 * and the refusals of a run grouped by what the script saw. Pure: tested by
 * test/site/history-evidence.test.ts.
 */
import type { ObservedEntry } from '../../evidence/driver.ts';
import type { EvidenceFile, ObservationRecord } from '../../evidence/observation.ts';
import type { EvidenceRun } from '../../history/implementations-track.ts';

/** True when the JSON is a scenarios file this code reads. */
export function isEvidenceFile(json: unknown): json is EvidenceFile {
  if (typeof json !== 'object' || json === null) return false;
  const file = json as Partial<EvidenceFile>;
  return (
    file.format === 'wsspec-scenarios/1' &&
    typeof file.recordedAt === 'string' &&
    typeof file.implementations === 'object' &&
    Array.isArray(file.scenarios) &&
    Array.isArray(file.runs)
  );
}

/** A close event, short: `close 1006, unclean`, `close 4000 "done", clean`. */
function shortClose(code: string, reason: string, wasClean: string): string {
  const quoted = reason === '""' || reason === '' ? '' : ` ${reason}`;
  const clean = wasClean === 'true' ? 'clean' : wasClean === 'false' ? 'unclean' : `wasClean=${wasClean}`;
  return `close ${code}${quoted}, ${clean}`;
}

/** An observation, short: `error`, `error (ErrorEvent)`, `close 1006, unclean`, `exception close SyntaxError`. */
export function describeObservation(entry: ObservedEntry): string {
  switch (entry.type) {
    case 'event': {
      if (entry.name === 'close') {
        const { code, reason, wasClean } = entry.fields;
        return shortClose(String(code), JSON.stringify(reason), String(wasClean));
      }
      return entry.eventClass === 'Event' ? entry.name : `${entry.name} (${entry.eventClass})`;
    }
    case 'exception':
      return `exception ${entry.op} ${entry.name}`;
    case 'value':
      return `${entry.attr} = ${JSON.stringify(entry.value)}`;
    case 'timeout':
      return `no ${entry.event} event`;
  }
}

/** What the script saw in one run, short: the events in order, without the attribute reads. */
export function describeRecord(record: Pick<ObservationRecord, 'observed'>): string[] {
  return record.observed.filter((entry) => entry.type !== 'value').map(describeObservation);
}

/** A console message without its `WebSocket connection to '…' failed: ` preamble: `…Unexpected response code: 403`. */
export function shortConsole(text: string): string {
  const match = /^WebSocket connection to '[^']*' failed: (.+)$/s.exec(text);
  return match ? `…${match[1]}` : text;
}

/**
 * An expected line of the catalogue (canonical form) in the short form of
 * `describeObservation`: `event close CloseEvent readyState=3 code=1006 …`
 * → `close 1006, unclean`; a leading `?` (optional) becomes "(optional) ".
 */
export function describeExpectedLine(line: string): string {
  const optional = line.startsWith('?');
  const text = optional ? line.slice(1) : line;
  const event = /^event (\S+) (\S+) readyState=\d+(?: (.*))?$/.exec(text);
  let short = text;
  if (event !== null) {
    const [, name, eventClass, fields = ''] = event;
    if (name === 'close') {
      const code = /code=(\S+)/.exec(fields)?.[1] ?? '*';
      const reason = /reason=("(?:[^"\\]|\\.)*"|\*)/.exec(fields)?.[1] ?? '*';
      const wasClean = /wasClean=(\S+)/.exec(fields)?.[1] ?? '*';
      short = shortClose(code, reason, wasClean);
    } else {
      short = eventClass === 'Event' ? name! : `${name} (${eventClass})`;
    }
  }
  return optional ? `(optional) ${short}` : short;
}

/** Refused handshakes of a run that the script saw the same way, grouped. */
export interface RefusalGroup {
  /** HTTP statuses of the refusals, ascending. */
  statuses: number[];
  /** What the script received, e.g. `error → close 1006`. */
  saw: string;
  /** True when some field the script could read held the status. */
  statusVisible: boolean;
  /** How many of these refusals the console reported with the status. */
  statusInConsole: number;
}

/**
 * The run's scenarios in which the server answered the handshake with an
 * HTTP status other than 101, grouped by what the script saw: the seed's
 * question in one line per group ("200, 301 … 503 → error → close 1006,
 * status not readable").
 */
export function summarizeRefusals(run: EvidenceRun): RefusalGroup[] {
  const groups = new Map<string, RefusalGroup>();
  for (const scenario of run.scenarios) {
    const status = scenario.server.status;
    if (status === null || status === 101) continue;
    const saw = scenario.events.map((event) => (event.type === 'close' ? `close ${String(event.fields['code'])}` : event.type)).join(' → ') || 'nothing';
    const visible = scenario.events.some((event) =>
      Object.values(event.fields).some((value) => value === status || (typeof value === 'string' && new RegExp(`\\b${status}\\b`).test(value))),
    );
    const key = `${saw}|${visible}`;
    const group = groups.get(key) ?? { statuses: [], saw, statusVisible: visible, statusInConsole: 0 };
    if (!group.statuses.includes(status)) group.statuses.push(status);
    if (scenario.console.some((message) => message.text.includes(String(status)))) group.statusInConsole++;
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({ ...group, statuses: group.statuses.sort((a, b) => a - b) }));
}

/** One group as a sentence: `200, 301, 403 → error → close 1006; the status was not readable by the script (in the console for 3)`. */
export function describeRefusalGroup(group: RefusalGroup, locale: 'en' | 'ja' = 'en'): string {
  const statuses = group.statuses.join(', ');
  if (locale === 'ja') {
    return `${statuses} → ${group.saw}。スクリプトは${group.statusVisible ? 'ステータスを読めた' : 'ステータスを読めなかった'}${group.statusInConsole > 0 ? `（コンソールには ${group.statusInConsole} 件でステータスが出た）` : ''}`;
  }
  return `${statuses} → ${group.saw}; the status was ${group.statusVisible ? 'readable' : 'not readable'} by the script${group.statusInConsole > 0 ? ` (the console showed it for ${group.statusInConsole})` : ''}`;
}
