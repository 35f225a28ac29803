/**
 * The table of the handshake-failures guide, "the RFC names the usual
 * cases, each with its status", derived from the one error table of the
 * protocol core (src/protocol/errors.ts): every error a server finds in a
 * client's opening handshake, grouped by the HTTP status it answers with,
 * next to the clause that names that status. Refusals whose status the
 * application chooses (WS_ERR_REFUSED: 401 with credentials, a 3xx
 * redirect) follow, with their clauses.
 */
import { ERRORS, type ErrorCode } from '../../protocol/errors.ts';
import { clauseLink, type Link } from './links.ts';

/** The clause that names each status the error table answers with; `null`: RFC 6455 names none. */
export const STATUS_CLAUSES: Readonly<Record<number, { clause: string | null; reason: string; note?: string }>> = {
  400: { clause: 'rfc6455#section-4.2.1-2', reason: 'Bad Request' },
  403: { clause: 'rfc6455#section-10.2-1', reason: 'Forbidden' },
  404: { clause: 'rfc6455#section-4.2.2-2.4.2.4', reason: 'Not Found' },
  426: { clause: 'rfc6455#section-4.2.2-2.4.2.3', reason: 'Upgrade Required', note: 'with Sec-WebSocket-Version' },
  431: { clause: null, reason: 'Request Header Fields Too Large', note: 'a limit of this implementation (RFC 6585), not of RFC 6455' },
};

/** Refusals the application decides (`WS_ERR_REFUSED` carries the status it chooses). */
export const APPLICATION_REFUSALS: readonly { situation: string; status: string; clause: string }[] = [
  { situation: 'Credentials needed', status: '401 Unauthorized with WWW-Authenticate', clause: 'rfc6455#section-4.2.2-2.2' },
  { situation: 'The service moved', status: 'a 3xx redirect', clause: 'rfc6455#section-4.2.2-2.3' },
];

export interface RefusalRow {
  status: number;
  /** `400 Bad Request`, with its note. */
  label: string;
  note: string | null;
  /** The errors that lead to this status: their codes and messages. */
  errors: { code: ErrorCode; message: string }[];
  clause: Link | null;
}

/** One row per HTTP status of the error table, in status order. */
export function refusalRows(): RefusalRow[] {
  const byStatus = new Map<number, { code: ErrorCode; message: string }[]>();
  for (const [code, spec] of Object.entries(ERRORS) as [ErrorCode, (typeof ERRORS)[ErrorCode]][]) {
    if (spec.kind !== 'handshake' || spec.httpStatus === null) continue;
    const list = byStatus.get(spec.httpStatus) ?? [];
    list.push({ code, message: spec.message });
    byStatus.set(spec.httpStatus, list);
  }
  return [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, errors]) => {
      const known = STATUS_CLAUSES[status];
      if (known === undefined) throw new Error(`src/protocol/errors.ts answers with ${status}, which STATUS_CLAUSES does not name: add its clause`);
      return {
        status,
        label: `${status} ${known.reason}`,
        note: known.note ?? null,
        errors,
        clause: known.clause === null ? null : clauseLink(known.clause, 'short'),
      };
    });
}
