/**
 * The Sec-WebSocket-Extensions header field (RFC 6455 §9.1): parsed, not
 * interpreted. This module checks the grammar of offers and of what a
 * server claims to have accepted; the extensions themselves
 * (permessage-deflate) read the parameters (src/protocol/extensions/).
 */
import { isToken, parseList } from '../http11.ts';

export interface Extension {
  name: string;
  /** Parameters in order; a parameter without a value has value null. */
  params: Array<[name: string, value: string | null]>;
}

/** Unescapes a quoted-string, or returns null if `text` is not one. */
function unquote(text: string): string | null {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return null;
  let out = '';
  for (let i = 1; i < text.length - 1; i++) {
    let c = text[i]!;
    if (c === '"') return null;
    if (c === '\\') {
      if (i + 1 >= text.length - 1) return null;
      c = text[++i]!;
    }
    out += c;
  }
  return out;
}

/**
 * Parses the combined values of Sec-WebSocket-Extensions fields, or returns
 * null if they do not match the grammar.
 */
// @spec rfc6455#section-9.1-3 "Note that like other HTTP header fields, this header field MAY be split or combined across multiple lines."
// @spec rfc6455#section-9.1-1 "If a value is received by either the client or the server during negotiation that does not conform to the ABNF below…"
export function parseExtensions(values: readonly string[]): Extension[] | null {
  const extensions: Extension[] = [];
  for (const value of values) {
    const items = parseList(value);
    // extension-list = 1#extension: a field has at least one element.
    if (items.length === 0) return null;
    for (const item of items) {
      const [name, ...rawParams] = item.split(';').map((part) => part.trim());
      if (name === undefined || !isToken(name)) return null;
      const params: Extension['params'] = [];
      for (const raw of rawParams) {
        const eq = raw.indexOf('=');
        if (eq === -1) {
          if (!isToken(raw)) return null;
          params.push([raw, null]);
          continue;
        }
        const paramName = raw.slice(0, eq).trim();
        let paramValue: string | null = raw.slice(eq + 1).trim();
        // @spec rfc6455#section-4.3-4 "When using the quoted-string syntax variant, the value after quoted-string unescaping MUST conform to the 'token' ABNF."
        // @spec rfc6455#section-9.1-2 "When using the quoted-string syntax variant, the value after quoted-string unescaping MUST conform to the 'token' ABNF."
        if (paramValue.startsWith('"')) paramValue = unquote(paramValue);
        if (!isToken(paramName) || paramValue === null || !isToken(paramValue)) return null;
        params.push([paramName, paramValue]);
      }
      extensions.push({ name, params });
    }
  }
  return extensions;
}

export function serializeExtension(extension: Extension): string {
  return [extension.name, ...extension.params.map(([n, v]) => (v === null ? n : `${n}=${v}`))].join('; ');
}
