/**
 * The HTTP/1.1 that the opening handshake needs (RFC 6455 §4 relies on
 * RFC 2616, since replaced by RFC 9110/9112): a bounded reader for request
 * and response heads, a response body reader (Content-Length, chunked, or
 * until the connection closes) so that a refusal reaches the caller whole,
 * and serializers.
 *
 * Header fields are kept as a list of [name, value] in the order received,
 * names as sent: nothing is merged or dropped.
 */
import { HandshakeError } from './errors.ts';

export type Header = readonly [name: string, value: string];
export type HeaderList = readonly Header[];

export interface HttpRequest {
  method: string;
  /** The request-target, e.g. `/chat?room=1`. */
  target: string;
  /** e.g. `HTTP/1.1`. */
  version: string;
  headers: HeaderList;
}

export interface HttpResponse {
  /** e.g. `HTTP/1.1`. */
  version: string;
  status: number;
  reason: string;
  headers: HeaderList;
  body: Uint8Array;
}

export interface HeadLimits {
  /** Largest accepted head (start line, header fields and the empty line), in bytes. */
  maxHeadSize: number;
  /** Most header fields accepted in one head. */
  maxHeaders: number;
}

/** 16 KiB: the default `maxHeaderSize` of Node's HTTP server; a browser's handshake is under 1 KiB. */
export const DEFAULT_MAX_HEAD_SIZE = 16 * 1024;
/** 128 header fields, as in python-websockets: a handshake needs about a dozen. */
export const DEFAULT_MAX_HEADERS = 128;
/** 1 MiB: the most of a refusal's body a client keeps. */
export const DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

export const DEFAULT_HEAD_LIMITS: HeadLimits = { maxHeadSize: DEFAULT_MAX_HEAD_SIZE, maxHeaders: DEFAULT_MAX_HEADERS };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Field values: visible ASCII, obs-text, spaces and tabs; no CR, LF, NUL or other controls. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const HTTP_VERSION = /^HTTP\/[0-9]\.[0-9]$/;

export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/** The value of every field named `name` (case-insensitive), in order. */
export function getHeaderValues(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  const values: string[] = [];
  for (const [n, v] of headers) if (n.toLowerCase() === lower) values.push(v);
  return values;
}

/** The combined value of the fields named `name` (joined with ", "), or null if there is none. */
export function getHeader(headers: HeaderList, name: string): string | null {
  const values = getHeaderValues(headers, name);
  return values.length === 0 ? null : values.join(', ');
}

/**
 * The elements of a comma-separated list (the `#rule`), trimmed, with empty
 * elements dropped as the rule allows. Commas inside quoted strings are kept.
 */
export function parseList(value: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      current += c;
      if (c === '\\' && i + 1 < value.length) current += value[++i];
      else if (c === '"') quoted = false;
    } else if (c === ',') {
      if (current.trim() !== '') items.push(current.trim());
      current = '';
    } else {
      if (c === '"') quoted = true;
      current += c;
    }
  }
  if (current.trim() !== '') items.push(current.trim());
  return items;
}

/** Whether the comma-separated `value` of a field contains `token`, ASCII case-insensitively. */
export function hasToken(values: readonly string[], token: string): boolean {
  const lower = token.toLowerCase();
  return values.some((value) => parseList(value).some((item) => item.toLowerCase() === lower));
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  }
  return text;
}

function toLatin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

function malformed(detail: string): HandshakeError {
  return new HandshakeError('WS_ERR_MALFORMED_HTTP', detail);
}

/** Splits a head (without its final empty line) into its start line and header fields. */
function parseHead(text: string, limits: HeadLimits): { startLine: string; headers: Header[] } {
  const lines = text.split('\r\n');
  for (const line of lines) if (line.includes('\r') || line.includes('\n')) throw malformed('line not terminated by CRLF');
  const startLine = lines[0]!;
  const headers: Header[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith(' ') || line.startsWith('\t')) throw malformed('obsolete line folding');
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`not a header field: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon);
    if (!isToken(name)) throw malformed(`invalid field name ${JSON.stringify(name.slice(0, 40))}`);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!FIELD_VALUE.test(value)) throw malformed(`invalid value in field ${name}`);
    if (headers.length === limits.maxHeaders) throw new HandshakeError('WS_ERR_TOO_MANY_HEADERS', `more than ${limits.maxHeaders}`);
    headers.push([name, value]);
  }
  return { startLine, headers };
}

/** Parses a request head (the bytes before the empty line, without it). */
export function parseRequestHead(text: string, limits: HeadLimits = DEFAULT_HEAD_LIMITS): HttpRequest {
  const { startLine, headers } = parseHead(text, limits);
  const parts = startLine.split(' ');
  if (parts.length !== 3) throw malformed('invalid request line');
  const [method, target, version] = parts as [string, string, string];
  if (!isToken(method)) throw malformed('invalid method');
  if (!/^[\x21-\x7e]+$/.test(target)) throw malformed('invalid request target');
  if (!HTTP_VERSION.test(version)) throw malformed('invalid HTTP version');
  return { method, target, version, headers };
}

/** Parses a response head (the bytes before the empty line, without it); the body is left empty. */
export function parseResponseHead(text: string, limits: HeadLimits = DEFAULT_HEAD_LIMITS): HttpResponse {
  const { startLine, headers } = parseHead(text, limits);
  const match = /^(HTTP\/[0-9]\.[0-9]) ([0-9]{3})(?: (.*))?$/.exec(startLine);
  if (match === null) throw malformed('invalid status line');
  const reason = match[3] ?? '';
  if (!FIELD_VALUE.test(reason)) throw malformed('invalid reason phrase');
  return { version: match[1]!, status: Number(match[2]), reason, headers, body: new Uint8Array(0) };
}

function serializeHead(startLine: string, headers: HeaderList): string {
  let head = `${startLine}\r\n`;
  for (const [name, value] of headers) {
    if (!isToken(name) || !FIELD_VALUE.test(value)) throw new TypeError(`invalid header field ${JSON.stringify(name)}`);
    head += `${name}: ${value}\r\n`;
  }
  return `${head}\r\n`;
}

/** A request head: request line, header fields, CRLF line ends and the empty line (RFC 9112 §3, §5). */
// @spec rfc6455#section-4.1-6.1 "The handshake MUST be a valid HTTP request as specified by [RFC2616]."
export function serializeRequest(request: HttpRequest): Uint8Array {
  return toLatin1Bytes(serializeHead(`${request.method} ${request.target} ${request.version}`, request.headers));
}

export function serializeResponse(response: HttpResponse): Uint8Array {
  const head = toLatin1Bytes(serializeHead(`${response.version} ${response.status} ${response.reason}`, response.headers));
  if (response.body.length === 0) return head;
  const out = new Uint8Array(head.length + response.body.length);
  out.set(head);
  out.set(response.body, head.length);
  return out;
}

/**
 * Accumulates bytes up to the empty line that ends a head, refusing a head
 * larger than `maxHeadSize` before buffering more of it.
 */
class HeadBuffer {
  readonly #maxHeadSize: number;
  #buffer = new Uint8Array(1024);
  #length = 0;

  constructor(maxHeadSize: number) {
    this.#maxHeadSize = maxHeadSize;
  }

  /** Returns the head (without the empty line) and the bytes after it, or null if more are needed. */
  push(bytes: Uint8Array): { head: string; rest: Uint8Array } | null {
    const searchFrom = Math.max(0, this.#length - 3);
    // Never hold more than one byte beyond the limit: enough to know it was exceeded.
    const take = Math.min(bytes.length, this.#maxHeadSize + 1 - this.#length);
    if (this.#length + take > this.#buffer.length) {
      const grown = new Uint8Array(Math.min(Math.max(this.#buffer.length * 2, this.#length + take), this.#maxHeadSize + 1));
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    this.#buffer.set(bytes.subarray(0, take), this.#length);
    this.#length += take;
    const b = this.#buffer;
    for (let i = searchFrom; i + 3 < this.#length; i++) {
      if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) {
        if (i + 4 > this.#maxHeadSize) break;
        const head = latin1(b.subarray(0, i));
        const consumedFromBytes = i + 4 - (this.#length - take);
        return { head, rest: bytes.subarray(consumedFromBytes) };
      }
    }
    if (this.#length > this.#maxHeadSize) throw new HandshakeError('WS_ERR_HEAD_TOO_LARGE', `more than ${this.#maxHeadSize} bytes`);
    return null;
  }
}

/** Reads a request head from a byte stream (a server without an HTTP server in front). */
export class RequestReader {
  readonly #limits: HeadLimits;
  readonly #head: HeadBuffer;

  constructor(limits: HeadLimits = DEFAULT_HEAD_LIMITS) {
    this.#limits = limits;
    this.#head = new HeadBuffer(limits.maxHeadSize);
  }

  /** The request and the bytes that followed it, or null until its head is complete. Throws HandshakeError. */
  push(bytes: Uint8Array): { request: HttpRequest; rest: Uint8Array } | null {
    const result = this.#head.push(bytes);
    if (result === null) return null;
    return { request: parseRequestHead(result.head, this.#limits), rest: result.rest };
  }
}

export interface ResponseReaderOptions extends HeadLimits {
  /** Most bytes of a response body kept; the rest is dropped and `truncated` set. */
  maxBodySize: number;
}

/**
 * Reads a response from a byte stream: a 101 ends with its head (what
 * follows are frames); any other status is read with its body, delimited by
 * Content-Length, chunked transfer coding, or the end of the connection.
 */
export class ResponseReader {
  readonly #options: ResponseReaderOptions;
  readonly #head: HeadBuffer;
  #response: HttpResponse | null = null;
  #body: BodyReader | null = null;
  #rest: Uint8Array = new Uint8Array(0);
  #done = false;

  constructor(options: Partial<ResponseReaderOptions> = {}) {
    this.#options = {
      maxHeadSize: options.maxHeadSize ?? DEFAULT_MAX_HEAD_SIZE,
      maxHeaders: options.maxHeaders ?? DEFAULT_MAX_HEADERS,
      maxBodySize: options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE,
    };
    this.#head = new HeadBuffer(this.#options.maxHeadSize);
  }

  /** The response head, once read (its body may still be arriving). */
  get head(): HttpResponse | null {
    return this.#response;
  }

  /** Whether the body exceeded `maxBodySize` or the connection closed before its end. */
  get truncated(): boolean {
    return this.#body?.truncated ?? false;
  }

  /** Bytes received after the end of the response (after a 101: the first frames). */
  get rest(): Uint8Array {
    return this.#rest;
  }

  /** The complete response, or null until it has arrived. Throws HandshakeError for a malformed one. */
  push(bytes: Uint8Array): HttpResponse | null {
    if (this.#done) {
      return null;
    }
    if (this.#response === null) {
      const result = this.#head.push(bytes);
      if (result === null) return null;
      this.#response = parseResponseHead(result.head, this.#options);
      this.#body = new BodyReader(this.#response, this.#options.maxBodySize);
      bytes = result.rest;
    }
    const rest = this.#body!.push(bytes);
    if (rest === null) return null;
    this.#rest = rest;
    return this.#finish();
  }

  /** The connection closed: the response as far as it arrived, or null if its head did not. */
  eof(): HttpResponse | null {
    if (this.#done) return null;
    if (this.#response === null) return null;
    this.#body!.eof();
    return this.#finish();
  }

  #finish(): HttpResponse {
    this.#done = true;
    return { ...this.#response!, body: this.#body!.body() };
  }
}

/** How a response body is delimited (RFC 9112 §6.3), and its bytes so far. */
class BodyReader {
  readonly #max: number;
  readonly #mode: 'none' | 'length' | 'chunked' | 'eof';
  #remaining = 0;
  #parts: Uint8Array[] = [];
  #size = 0;
  truncated = false;
  // Chunked transfer coding.
  #chunkState: 'size' | 'data' | 'data-end' | 'trailer' = 'size';
  #line = '';

  constructor(response: HttpResponse, max: number) {
    this.#max = max;
    const status = response.status;
    const transferEncoding = getHeader(response.headers, 'transfer-encoding');
    const contentLength = getHeader(response.headers, 'content-length');
    if ((status >= 100 && status < 200) || status === 204 || status === 304) {
      this.#mode = 'none';
    } else if (transferEncoding !== null) {
      const codings = parseList(transferEncoding);
      this.#mode = codings.at(-1)?.toLowerCase() === 'chunked' ? 'chunked' : 'eof';
    } else if (contentLength !== null) {
      if (!/^[0-9]+$/.test(contentLength)) throw malformed('invalid Content-Length');
      this.#mode = 'length';
      this.#remaining = Number(contentLength);
    } else {
      this.#mode = 'eof';
    }
  }

  /** Consumes body bytes; returns the bytes after the body once it is complete, else null. */
  push(bytes: Uint8Array): Uint8Array | null {
    switch (this.#mode) {
      case 'none':
        return bytes;
      case 'eof':
        this.#keep(bytes);
        return null;
      case 'length': {
        const n = Math.min(this.#remaining, bytes.length);
        this.#keep(bytes.subarray(0, n));
        this.#remaining -= n;
        return this.#remaining === 0 ? bytes.subarray(n) : null;
      }
      case 'chunked':
        return this.#pushChunked(bytes);
    }
  }

  eof(): void {
    if (this.#mode === 'length' && this.#remaining > 0) this.truncated = true;
    if (this.#mode === 'chunked') this.truncated = true;
  }

  body(): Uint8Array {
    if (this.#parts.length === 1) return this.#parts[0]!;
    const out = new Uint8Array(this.#size);
    let offset = 0;
    for (const part of this.#parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  #keep(bytes: Uint8Array): void {
    const room = this.#max - this.#size;
    if (bytes.length > room) this.truncated = true;
    const kept = bytes.subarray(0, Math.max(0, room));
    if (kept.length === 0) return;
    // Copy: the caller's chunk may be reused once this returns.
    this.#parts.push(kept.slice());
    this.#size += kept.length;
  }

  /** Reads a CRLF-terminated line of at most 1 KiB; returns [line, offset after it] or null. */
  #readLine(bytes: Uint8Array, offset: number): [string, number] | null {
    const lf = bytes.indexOf(10, offset);
    const end = lf === -1 ? bytes.length : lf + 1;
    this.#line += latin1(bytes.subarray(offset, end));
    if (this.#line.length > 1024) throw malformed('chunk line too long');
    if (lf === -1) return null;
    const line = this.#line;
    this.#line = '';
    if (!line.endsWith('\r\n')) throw malformed('chunk line not terminated by CRLF');
    return [line.slice(0, -2), end];
  }

  #pushChunked(bytes: Uint8Array): Uint8Array | null {
    let offset = 0;
    while (offset < bytes.length) {
      switch (this.#chunkState) {
        case 'size': {
          const read = this.#readLine(bytes, offset);
          if (read === null) return null;
          offset = read[1];
          const match = /^([0-9A-Fa-f]+)[ \t]*(;.*)?$/.exec(read[0]);
          if (match === null) throw malformed('invalid chunk size');
          this.#remaining = parseInt(match[1]!, 16);
          this.#chunkState = this.#remaining === 0 ? 'trailer' : 'data';
          break;
        }
        case 'data': {
          const n = Math.min(this.#remaining, bytes.length - offset);
          this.#keep(bytes.subarray(offset, offset + n));
          offset += n;
          this.#remaining -= n;
          if (this.#remaining === 0) this.#chunkState = 'data-end';
          break;
        }
        case 'data-end': {
          const read = this.#readLine(bytes, offset);
          if (read === null) return null;
          if (read[0] !== '') throw malformed('chunk data not followed by CRLF');
          offset = read[1];
          this.#chunkState = 'size';
          break;
        }
        case 'trailer': {
          const read = this.#readLine(bytes, offset);
          if (read === null) return null;
          offset = read[1];
          if (read[0] === '') return bytes.subarray(offset);
          break;
        }
      }
    }
    return null;
  }
}
