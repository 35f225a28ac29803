#!/usr/bin/env node

// src/cli/wsspec.ts
import { realpathSync } from "node:fs";
import { fileURLToPath as fileURLToPath2 } from "node:url";
import { parseArgs } from "node:util";

// src/trace/corpus-bundle.ts
var BUNDLE_FORMAT = "wsspec-corpus/1";
function idsIn(html) {
  if (!html) return [];
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
}
function bundleCorpus(corpus, href) {
  const taken = /* @__PURE__ */ new Set([...corpus.sections.map((s) => s.anchor), ...corpus.clauses.map((c) => c.anchor)]);
  const aliases = {};
  for (const clause of corpus.clauses) {
    for (const id of idsIn(clause.html)) {
      if (!taken.has(id) && !(id in aliases)) aliases[id] = clause.anchor;
    }
  }
  return {
    source: corpus.source,
    sections: corpus.sections.map((section) => ({ ...section, url: href(section.anchor) })),
    clauses: corpus.clauses.map((clause) => {
      const { html: _html, refs: _refs, ...rest } = clause;
      return { ...rest, url: href(clause.anchor) };
    }),
    aliases
  };
}
function siteOrigin(value) {
  if (value === void 0 || value === null) return null;
  const trimmed = value.trim().replace(/\/+$/, "");
  return trimmed === "" ? null : trimmed;
}
async function buildCorpusBundle(corpora, options = {}) {
  const { ReaderIndex } = await import("../site/reader/pages.ts");
  return {
    format: BUNDLE_FORMAT,
    site: siteOrigin(options.site),
    corpora: corpora.map((corpus) => {
      const index = new ReaderIndex(corpus);
      return bundleCorpus(corpus, (anchor) => index.href(anchor));
    })
  };
}
async function loadCorpora() {
  const [{ loadRfc6455 }, { loadWhatwg }, { loadW3cCr }] = await Promise.all([
    import("../corpus/rfc6455/index.ts"),
    import("../corpus/whatwg/index.ts"),
    import("../corpus/w3c/index.ts")
  ]);
  return [loadRfc6455(), loadWhatwg(), loadW3cCr()];
}
function parseCorpusBundle(json, origin) {
  let data;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`${origin} is not a wsspec corpus bundle: ${error.message}`);
  }
  const bundle = data;
  if (!bundle || bundle.format !== BUNDLE_FORMAT || !Array.isArray(bundle.corpora)) {
    throw new Error(`${origin} is not a wsspec corpus bundle (expected format ${BUNDLE_FORMAT}).`);
  }
  return { format: BUNDLE_FORMAT, site: siteOrigin(bundle.site ?? null), corpora: bundle.corpora };
}
async function readCorpusBundle(path) {
  const { readFile } = await import("node:fs/promises");
  return parseCorpusBundle(await readFile(path, "utf8"), path);
}
var CorpusLookup = class {
  bundle;
  #sections = /* @__PURE__ */ new Map();
  #clauses = /* @__PURE__ */ new Map();
  #children = /* @__PURE__ */ new Map();
  constructor(bundle) {
    this.bundle = bundle;
    for (const corpus of bundle.corpora) {
      const id = corpus.source.id;
      this.#sections.set(id, new Map(corpus.sections.map((section) => [section.anchor, section])));
      this.#clauses.set(id, new Map(corpus.clauses.map((clause) => [clause.anchor, clause])));
      const children = /* @__PURE__ */ new Map();
      for (const section of corpus.sections) {
        if (section.parent === null) continue;
        children.set(section.parent, [...children.get(section.parent) ?? [], section.anchor]);
      }
      this.#children.set(id, children);
    }
  }
  get corpora() {
    return this.bundle.corpora;
  }
  corpus(source) {
    return this.bundle.corpora.find((corpus) => corpus.source.id === source);
  }
  section(source, anchor) {
    return this.#sections.get(source)?.get(anchor);
  }
  clause(source, anchor) {
    return this.#clauses.get(source)?.get(anchor);
  }
  /** The section and all its subsections, in document order. */
  sectionTree(source, anchor) {
    const out = [];
    const visit = (current) => {
      const section = this.section(source, current);
      if (section) out.push(section);
      for (const child of this.#children.get(source)?.get(current) ?? []) visit(child);
    };
    visit(anchor);
    return out;
  }
  /** What `<source>#<anchor>` names, or null. */
  resolve(source, anchor) {
    const corpus = this.corpus(source);
    if (!corpus) return null;
    const section = this.section(source, anchor);
    if (section) {
      const inTree = new Set(this.sectionTree(source, anchor).map((s) => s.anchor));
      return { kind: "section", corpus, section, clauses: corpus.clauses.filter((c) => inTree.has(c.section)) };
    }
    const clauseAnchor = this.clause(source, anchor) ? anchor : corpus.aliases[anchor];
    const nested = (owner) => corpus.clauses.filter((c) => {
      if (c.anchor === owner) return true;
      if (!c.anchor.startsWith(owner)) return false;
      const rest = c.anchor.slice(owner.length);
      return rest.startsWith(".") || rest.startsWith("-step-") || /^-\d/.test(rest);
    });
    if (clauseAnchor !== void 0) {
      const clause = this.clause(source, clauseAnchor);
      return { kind: "clause", corpus, clause, section: this.section(source, clause.section), clauses: nested(clauseAnchor) };
    }
    const group = nested(anchor);
    if (group.length > 0) {
      return { kind: "group", corpus, anchor, section: this.section(source, group[0].section), clauses: group };
    }
    return null;
  }
  /** The upstream URL of an anchor (rfc-editor, whatwg.org, w3.org). */
  upstreamUrl(source, anchor) {
    const corpus = this.corpus(source);
    if (!corpus) return "";
    return corpus.source.sectionUrl.replace("{anchor}", anchor);
  }
  /**
   * Sections and clauses near an anchor that names nothing, best first: for
   * `section-7-4` the section `7.4`; for `section-5.5.9` the siblings under
   * §5.5; otherwise the anchors with the smallest edit distance.
   */
  suggestions(source, anchor, limit = 3) {
    const corpus = this.corpus(source);
    if (!corpus) return [];
    const out = [];
    const add = (item) => {
      if (item && !out.includes(item)) out.push(item);
    };
    const rfc = /^section-(\d+(?:\.\d+)*)(?:-(\d+(?:\.\d+)*))?$/.exec(anchor);
    if (rfc) {
      const [, number, paragraph] = rfc;
      if (paragraph !== void 0) add(this.section(source, `section-${number}.${paragraph}`));
      if (paragraph !== void 0 && this.section(source, `section-${number}`)) {
        add(this.section(source, `section-${number}`));
      }
      const parts = number.split(".");
      for (let length = parts.length - 1; length >= 1 && out.length < limit; length--) {
        const parent = `section-${parts.slice(0, length).join(".")}`;
        const children = this.#children.get(source)?.get(parent) ?? [];
        const last = Number(parts[length]);
        const sorted = [...children].sort((a, b) => {
          const distance = (value) => Math.abs(Number(value.split(".").at(-1)) - last);
          return distance(a) - distance(b);
        });
        for (const child of sorted) add(this.section(source, child));
        add(this.section(source, parent));
        if (out.length > 0) break;
      }
    }
    if (out.length < limit) {
      const candidates = [];
      const consider = (key, item) => {
        if (item) candidates.push({ item, distance: editDistance(anchor, key) });
      };
      for (const section of corpus.sections) consider(section.anchor, section);
      for (const clause of corpus.clauses) consider(clause.anchor, clause);
      for (const [alias, target] of Object.entries(corpus.aliases)) consider(alias, this.clause(source, target));
      candidates.sort((a, b) => a.distance - b.distance);
      for (const { item, distance } of candidates) {
        if (out.length >= limit) break;
        if (distance <= Math.max(3, Math.floor(anchor.length / 3))) add(item);
      }
    }
    return out.slice(0, limit);
  }
};
function editDistance(a, b) {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

// src/cli/check.ts
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

// src/trace/quotes.ts
var CONTINUATION_MARKER = /^[ \t]*(?:\/\/+!?|\/\*+|\*+(?!\/)|#+!?|--(?!-)|;+)[ \t]?/;
var CLOSE_MARKER = /[ \t]*\*+\/[ \t]*$/;
function stripCommentMarkers(quote) {
  const lines = quote.split(/\r?\n|\r/);
  return lines.map((line, index) => {
    const unclosed = line.replace(CLOSE_MARKER, "");
    return index === 0 ? unclosed : unclosed.replace(CONTINUATION_MARKER, "");
  }).join("\n");
}
function stripAbnfComments(text) {
  return text.includes("\n") ? text.replace(/^[ \t]*;+[ \t]?/gm, "") : text;
}
function normalizeForQuote(text) {
  return text.normalize("NFKC").replace(/[\u2010-\u2015\u2212]/g, "-").replace(/-\s+/g, "-").replace(/["'`\u2018-\u201f\u00ab\u00bb\u2039\u203a]/g, "").replace(/[|_*]/g, "").replace(/(^|[\s(\[])\/(?=\S)/g, "$1").replace(/(?<=\S)\/(?=$|[\s.,;:!?)\]])/g, "").toLowerCase().replace(/\s+/g, " ").replace(/ ([.,;:!?)\]])/g, "$1").replace(/([(\[]) /g, "$1").trim();
}
var ELLIPSIS = /\s*(?:\[\s*(?:\.\s*){3,}\]|\[\s*…\s*\]|(?:\.\s*){3,}|…)\s*/;
var EDGE_PUNCTUATION = /^[\s.,;:!?]+|[\s.,;:!?]+$/g;
function quoteSegments(quote) {
  return stripCommentMarkers(quote).split(ELLIPSIS).map((part) => normalizeForQuote(part).replace(EDGE_PUNCTUATION, "")).filter((part) => part.length > 0);
}
function containsInOrder(text, segments) {
  let from = 0;
  for (const segment of segments) {
    const at = text.indexOf(segment, from);
    if (at < 0) return false;
    from = at + segment.length;
  }
  return true;
}
var prepared = /* @__PURE__ */ new WeakMap();
function prepare(corpus) {
  const cached = prepared.get(corpus);
  if (cached) return cached;
  const normalized = corpus.clauses.map((clause) => normalizeForQuote(stripAbnfComments(clause.text)));
  const children = /* @__PURE__ */ new Map();
  for (const section of corpus.sections) {
    if (section.parent === null) continue;
    const list = children.get(section.parent) ?? [];
    list.push(section.anchor);
    children.set(section.parent, list);
  }
  const descendants = /* @__PURE__ */ new Map();
  const collect = (anchor, into) => {
    into.add(anchor);
    for (const child of children.get(anchor) ?? []) collect(child, into);
  };
  for (const section of corpus.sections) {
    const set = /* @__PURE__ */ new Set();
    collect(section.anchor, set);
    descendants.set(section.anchor, set);
  }
  const result = {
    corpus,
    normalized,
    indexOfAnchor: new Map(corpus.clauses.map((clause, index) => [clause.anchor, index])),
    descendants,
    sectionAnchors: new Set(corpus.sections.map((section) => section.anchor)),
    words: normalized.map(wordsOf)
  };
  prepared.set(corpus, result);
  return result;
}
function wordsOf(normalized) {
  return normalized.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}
function nestedIn(anchor, owner) {
  if (!anchor.startsWith(owner) || anchor.length === owner.length) return false;
  const rest = anchor.slice(owner.length);
  return rest.startsWith(".") || rest.startsWith("-step-") || /^-\d/.test(rest);
}
function scopeOf(prep, anchor) {
  const { corpus } = prep;
  if (prep.sectionAnchors.has(anchor)) {
    const sections = prep.descendants.get(anchor) ?? /* @__PURE__ */ new Set([anchor]);
    const indexes2 = [];
    corpus.clauses.forEach((clause, index) => {
      if (sections.has(clause.section)) indexes2.push(index);
    });
    return indexes2;
  }
  const owner = prep.indexOfAnchor.has(anchor) ? anchor : corpus.aliases?.[anchor];
  const base = owner ?? anchor;
  const indexes = [];
  corpus.clauses.forEach((clause, index) => {
    if (clause.anchor === base || nestedIn(clause.anchor, base)) indexes.push(index);
  });
  return indexes.length > 0 ? indexes : null;
}
function matchIn(prep, indexes, segments) {
  const hits = [];
  for (const index of indexes) {
    if (containsInOrder(prep.normalized[index], segments)) hits.push(prep.corpus.clauses[index]);
  }
  if (hits.length > 0 || segments.length < 2) return hits;
  const joined = indexes.map((index) => prep.normalized[index]).join("\0");
  if (!containsInOrder(joined, segments)) return [];
  return indexes.filter((index) => prep.normalized[index].includes(segments[0])).slice(0, 1).map((index) => prep.corpus.clauses[index]);
}
function titleMatches(prep, anchor, segments) {
  const tree = prep.descendants.get(anchor);
  if (!tree) return false;
  return prep.corpus.sections.some(
    (section) => tree.has(section.anchor) && section.title !== void 0 && containsInOrder(normalizeForQuote(section.title), segments)
  );
}
function locate(id, corpora) {
  const hash = id.indexOf("#");
  if (hash <= 0) return null;
  const source = id.slice(0, hash);
  const anchor = id.slice(hash + 1);
  const corpus = corpora.find((candidate) => candidate.source.id === source);
  if (!corpus) return null;
  const prep = prepare(corpus);
  const indexes = scopeOf(prep, anchor);
  return indexes === null ? null : { prep, indexes };
}
function matchQuote(quote, id, corpora) {
  const segments = quoteSegments(quote);
  if (segments.length === 0) return { ok: false, reason: "empty" };
  const target = locate(id, corpora);
  if (!target) return { ok: false, reason: "unknown-id" };
  const inScope = matchIn(target.prep, target.indexes, segments);
  if (inScope.length > 0) return { ok: true, clauses: inScope };
  if (titleMatches(target.prep, id.slice(id.indexOf("#") + 1), segments)) return { ok: true, clauses: [] };
  return elsewhere(segments, corpora, target.prep.corpus.source.id, target.indexes[0] ?? 0);
}
function matchQuoteInSource(quote, source, corpora) {
  const segments = quoteSegments(quote);
  if (segments.length === 0) return { ok: false, reason: "empty" };
  const corpus = corpora.find((candidate) => candidate.source.id === source);
  if (!corpus) return { ok: false, reason: "unknown-id" };
  const prep = prepare(corpus);
  const all = corpus.clauses.map((_, index) => index);
  const hits = matchIn(prep, all, segments);
  if (hits.length > 0) return { ok: true, clauses: hits };
  return elsewhere(segments, corpora, source, 0);
}
function elsewhere(segments, corpora, citedSource, citedIndex) {
  const found = [];
  for (const corpus of corpora) {
    const prep = prepare(corpus);
    const sameSource = corpus.source.id === citedSource;
    const bySection = /* @__PURE__ */ new Map();
    corpus.clauses.forEach((clause, index) => {
      const list = bySection.get(clause.section) ?? [];
      list.push(index);
      bySection.set(clause.section, list);
    });
    const hits = /* @__PURE__ */ new Set();
    corpus.clauses.forEach((clause, index) => {
      if (containsInOrder(prep.normalized[index], segments)) hits.add(clause);
    });
    if (hits.size === 0 && segments.length > 1) {
      for (const indexes of bySection.values()) for (const clause of matchIn(prep, indexes, segments)) hits.add(clause);
    }
    for (const clause of hits) {
      const index = prep.indexOfAnchor.get(clause.anchor) ?? 0;
      const distance = sameSource ? Math.abs(index - citedIndex) : 1e6 + index;
      found.push({ clause, rank: distance });
    }
  }
  if (found.length > 0) {
    found.sort((a, b) => a.rank - b.rank);
    return { ok: false, reason: "not-in-clause", foundIn: found.map((entry) => entry.clause) };
  }
  const closest = closestClause(segments.join(" "), corpora, citedSource);
  return closest ? { ok: false, reason: "nowhere", closest } : { ok: false, reason: "nowhere" };
}
var CLOSEST_THRESHOLD = 0.5;
function closestClause(normalizedQuote, corpora, preferSource) {
  const quoteWords = wordsOf(normalizedQuote);
  if (quoteWords.length === 0) return void 0;
  const wanted = new Set(quoteWords);
  const candidates = [];
  for (const corpus of corpora) {
    const prep = prepare(corpus);
    corpus.clauses.forEach((clause, index) => {
      const words = prep.words[index];
      const seen = /* @__PURE__ */ new Set();
      for (const word of words) if (wanted.has(word)) seen.add(word);
      if (seen.size > 0) candidates.push({ clause, words, shared: seen.size, preferred: corpus.source.id === preferSource });
    });
  }
  candidates.sort((a, b) => b.shared - a.shared);
  let best;
  for (const candidate of candidates.slice(0, 40)) {
    const similarity = alignedSimilarity(quoteWords, candidate.words);
    if (!best || similarity > best.similarity + 1e-9 || Math.abs(similarity - best.similarity) <= 1e-9 && candidate.preferred && !best.preferred) {
      best = { clause: candidate.clause, similarity, preferred: candidate.preferred };
    }
  }
  if (!best || best.similarity < CLOSEST_THRESHOLD) return void 0;
  return { clause: best.clause, similarity: Math.round(best.similarity * 100) / 100 };
}
function alignedSimilarity(quote, text) {
  if (quote.length === 0 || text.length === 0) return 0;
  const columns = text.length + 1;
  let previousScore = new Float64Array(columns);
  let currentScore = new Float64Array(columns);
  let previousStart = new Int32Array(columns);
  let currentStart = new Int32Array(columns);
  let bestScore = 0;
  let bestStart = 0;
  let bestEnd = 0;
  for (let i = 1; i <= quote.length; i++) {
    for (let j = 1; j <= text.length; j++) {
      const diagonal = previousScore[j - 1] + (quote[i - 1] === text[j - 1] ? 2 : -1);
      const up = previousScore[j] - 1;
      const left = currentScore[j - 1] - 1;
      let score = 0;
      let start = j;
      if (diagonal > score) {
        score = diagonal;
        start = previousScore[j - 1] > 0 ? previousStart[j - 1] : j - 1;
      }
      if (up > score) {
        score = up;
        start = previousStart[j];
      }
      if (left > score) {
        score = left;
        start = currentStart[j - 1];
      }
      currentScore[j] = score;
      currentStart[j] = start;
      if (score > bestScore) {
        bestScore = score;
        bestStart = start;
        bestEnd = j;
      }
    }
    [previousScore, currentScore] = [currentScore, previousScore];
    [previousStart, currentStart] = [currentStart, previousStart];
    currentScore.fill(0);
    currentStart.fill(0);
  }
  if (bestScore === 0) return 0;
  const region = text.slice(bestStart, bestEnd);
  return 2 * lcsLength(quote, region) / (quote.length + region.length);
}
function lcsLength(a, b) {
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    [previous, current] = [current, previous];
    current.fill(0);
  }
  return previous[b.length];
}

// src/trace/references.ts
var SYNTAX_BY_EXTENSION = {
  js: "js",
  mjs: "js",
  cjs: "js",
  jsx: "js",
  ts: "js",
  tsx: "js",
  mts: "js",
  cts: "js",
  astro: "js",
  vue: "js",
  svelte: "js",
  c: "c",
  h: "c",
  cc: "c",
  cpp: "c",
  cxx: "c",
  hh: "c",
  hpp: "c",
  m: "c",
  mm: "c",
  go: "c",
  rs: "c",
  java: "c",
  kt: "c",
  kts: "c",
  scala: "c",
  swift: "c",
  cs: "c",
  dart: "c",
  zig: "c",
  php: "c",
  py: "python",
  pyi: "python",
  rb: "hash",
  sh: "hash",
  bash: "hash",
  zsh: "hash",
  pl: "hash",
  pm: "hash",
  r: "hash",
  ex: "hash",
  exs: "hash",
  nim: "hash",
  yaml: "hash",
  yml: "hash",
  toml: "hash"
};
function syntaxOf(path) {
  const name = path.split(/[\\/]/).pop() ?? "";
  if (/[.-]min\.[cm]?js$/i.test(name)) return null;
  const dot = name.lastIndexOf(".");
  if (dot < 0) return null;
  return SYNTAX_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}
var IDENT = /[\p{L}\p{N}_$]/u;
var REGEX_KEYWORDS = /* @__PURE__ */ new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await"
]);
function rawComments(source, syntax) {
  const comments = [];
  const n = source.length;
  let i = 0;
  let lastSignificant = "";
  let lastWord = "";
  const templates = [];
  let braceDepth = 0;
  const lineEnd = (from) => {
    const at = source.indexOf("\n", from);
    return at < 0 ? n : at;
  };
  const skipString = (quote, from, multiline) => {
    let j = from;
    while (j < n) {
      const ch = source[j];
      if (ch === "\\") {
        j += 2;
        continue;
      }
      if (ch === quote) return j + 1;
      if (ch === "\n" && !multiline) return j;
      j++;
    }
    return n;
  };
  const skipTemplate = (from) => {
    let j = from;
    while (j < n) {
      const ch = source[j];
      if (ch === "\\") {
        j += 2;
        continue;
      }
      if (ch === "`") return j + 1;
      if (ch === "$" && source[j + 1] === "{") {
        templates.push(braceDepth);
        braceDepth++;
        return j + 2;
      }
      j++;
    }
    return n;
  };
  if (source.startsWith("#!")) i = lineEnd(0);
  while (i < n) {
    const ch = source[i];
    const next = source[i + 1];
    if (syntax === "python" || syntax === "hash") {
      if (ch === "#") {
        const end = lineEnd(i);
        comments.push({ kind: "line", start: i + 1, end });
        i = end;
        continue;
      }
      if (ch === '"' || ch === "'") {
        const triple = syntax === "python" && source.startsWith(ch.repeat(3), i);
        if (triple) {
          const close = source.indexOf(ch.repeat(3), i + 3);
          const end = close < 0 ? n : close;
          const before = source.slice(source.lastIndexOf("\n", i - 1) + 1, i);
          if (/^\s*[rRuU]?$/.test(before)) comments.push({ kind: "block", start: i + 3, end });
          i = close < 0 ? n : close + 3;
          continue;
        }
        i = skipString(ch, i + 1, false);
        continue;
      }
      i++;
      continue;
    }
    if (ch === "/" && next === "/") {
      const end = lineEnd(i);
      comments.push({ kind: "line", start: i + 2, end });
      i = end;
      continue;
    }
    if (ch === "/" && next === "*") {
      const close = source.indexOf("*/", i + 2);
      const end = close < 0 ? n : close;
      comments.push({ kind: "block", start: i + 2, end });
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      i = skipString('"', i + 1, false);
      lastSignificant = '"';
      continue;
    }
    if (ch === "'") {
      if (syntax === "js") {
        i = skipString("'", i + 1, false);
        lastSignificant = "'";
        continue;
      }
      const literal = /^'(?:\\.[^'\n]{0,8}|[^'\\\n])'/.exec(source.slice(i, i + 14));
      i += literal ? literal[0].length : 1;
      continue;
    }
    if (ch === "`") {
      if (syntax === "js") {
        i = skipTemplate(i + 1);
        lastSignificant = "`";
        continue;
      }
      const close = source.indexOf("`", i + 1);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (syntax === "js") {
      if (ch === "{") {
        braceDepth++;
      } else if (ch === "}") {
        braceDepth--;
        if (templates.length > 0 && templates.at(-1) === braceDepth) {
          templates.pop();
          i = skipTemplate(i + 1);
          lastSignificant = "`";
          continue;
        }
      } else if (ch === "/") {
        const division = /[\p{L}\p{N}_$)\]]/u.test(lastSignificant) && !REGEX_KEYWORDS.has(lastWord);
        if (!division) {
          let j = i + 1;
          let inClass = false;
          while (j < n && source[j] !== "\n") {
            const c = source[j];
            if (c === "\\") j++;
            else if (c === "[") inClass = true;
            else if (c === "]") inClass = false;
            else if (c === "/" && !inClass) break;
            j++;
          }
          if (j < n && source[j] === "/") {
            i = j + 1;
            while (i < n && /[a-z]/i.test(source[i])) i++;
            lastSignificant = ")";
            lastWord = "";
            continue;
          }
        }
      }
      if (IDENT.test(ch)) {
        let j = i;
        while (j < n && IDENT.test(source[j])) j++;
        lastWord = source.slice(i, j);
        lastSignificant = source[j - 1];
        i = j;
        continue;
      }
      lastWord = "";
    }
    lastSignificant = ch;
    i++;
  }
  return comments;
}
function lineStarts(source) {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") starts.push(i + 1);
  return starts;
}
function lineOf(starts, offset) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = low + high + 1 >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
function commentBlocks(source, syntax) {
  const starts = lineStarts(source);
  const blocks = [];
  let previousLine = null;
  for (const comment of rawComments(source, syntax)) {
    const startLine = lineOf(starts, comment.start);
    const lineStart = starts[startLine];
    const markerLength = comment.kind === "line" ? syntax === "python" || syntax === "hash" ? 1 : 2 : 2;
    const prefix = source.slice(lineStart, comment.start - markerLength);
    const standalone = /^\s*$/.test(prefix);
    const indent = /^\s*/.exec(source.slice(lineStart))[0].length;
    if (comment.kind === "line") {
      let text = source.slice(comment.start, comment.end).replace(/\r$/, "");
      let column = comment.start - lineStart + 1;
      const extra = /^(?:[/!]+|#+)/.exec(text);
      if (extra && (syntax !== "js" || extra[0] !== "!")) {
        text = text.slice(extra[0].length);
        column += extra[0].length;
      }
      const line = { text, line: startLine + 1, column };
      const current = blocks.at(-1);
      if (current && previousLine && standalone && previousLine.standalone && previousLine.line === startLine && current.lines.at(-1)?.line === startLine) {
        current.lines.push(line);
      } else {
        blocks.push({ lines: [line], kind: "line", standalone, indent });
      }
      previousLine = { line: startLine + 1, standalone };
      continue;
    }
    previousLine = null;
    const body = source.slice(comment.start, comment.end);
    const lines = [];
    let offset = comment.start;
    body.split("\n").forEach((raw, index) => {
      let text = raw.replace(/\r$/, "");
      let column = offset - starts[lineOf(starts, offset)] + 1;
      const marker = index === 0 ? /^\*+(?!\/)/.exec(text) : /^\s*\*+(?!\/)\s?|^\s*/.exec(text);
      if (marker) {
        text = text.slice(marker[0].length);
        column += marker[0].length;
      }
      lines.push({ text, line: startLine + 1 + index, column });
      offset += raw.length + 1;
    });
    blocks.push({ lines, kind: "block", standalone, indent });
  }
  return blocks;
}
var NUMBER = String.raw`\d{1,2}(?:\.\d{1,3}){0,4}`;
var DOTTED = String.raw`\d{1,2}(?:\.\d{1,3}){1,4}`;
var PARAGRAPH = String.raw`(?:-(\d{1,3}(?:\.\d{1,3}){0,5}))?`;
var PILCROW = String.raw`(?:\s*,?\s*(?:¶|\bpara(?:graph)?\.?)\s*(\d{1,3}))?`;
var SECTION_WORD = String.raw`(?:§§?|\bsect?(?:ion)?s?\b\.?|\bsec\.)`;
var RFC_DOC = String.raw`(?:\bRFC[\s-]?6455(?!\d)|\[RFC[\s-]?6455\])`;
var RFC_DOC_REVERSE = String.raw`(?:${RFC_DOC}|\[WSP\]|\bWebSocket\s+Protocol\b(?:\s*\[WSP\])?)`;
var ANCHOR = String.raw`[\w.\-:%]*[\w]`;
var RFC_URL = new RegExp(
  String.raw`\bhttps?://(?:www\.)?(?:rfc-editor\.org/(?:rfc/|info/)|datatracker\.ietf\.org/doc/(?:html/)?|tools\.ietf\.org/(?:html|rfc)/|ietf\.org/rfc/)rfc6455(?!\d)(?:\.(?:html|txt|pdf|xml))?/?(?:#(${ANCHOR}))?`,
  "gi"
);
var WHATWG_URL = new RegExp(
  String.raw`\bhttps?://websockets\.spec\.whatwg\.org(?:/(?:review-drafts/[\w-]+/?|commit-snapshots/[0-9a-f]+/?)?)?(?:#(${ANCHOR}))?`,
  "gi"
);
var HTML_URL = new RegExp(
  String.raw`\bhttps?://(?:html\.spec\.whatwg\.org|(?:www\.)?whatwg\.org/(?:specs/web-apps/current-work|html)|developers\.whatwg\.org|dev\.w3\.org/html5/spec(?:-author-view)?)(/(?:multipage/)?(?:[\w.-]+\.html)?)?(?:#(${ANCHOR}))?`,
  "gi"
);
var W3C_URL = new RegExp(
  String.raw`\bhttps?://(?:www\.)?(?:w3\.org/TR/(?:\d{4}/[A-Z]+-websockets-\d{8}|websockets)|dev\.w3\.org/html5/websockets|w3c\.github\.io/websockets)/?(?:Overview\.html)?(?:#(${ANCHOR}))?`,
  "gi"
);
var ID_FORM = new RegExp(String.raw`(?<![\w/.#-])(rfc6455|whatwg|w3c)#(${ANCHOR})`, "gi");
var RFC_FORWARD = new RegExp(
  String.raw`${RFC_DOC}(?:\s*[,:]?\s*\(?\s*${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}|(?:\s*[,:]\s*|\s+)(${DOTTED})${PARAGRAPH}${PILCROW}(?![\d.]*\d))`,
  "gi"
);
var RFC_REVERSE = new RegExp(
  String.raw`${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}\s+(?:of|in)\s+(?:the\s+)?${RFC_DOC_REVERSE}`,
  "gi"
);
var RFC_BARE = new RegExp(RFC_DOC, "gi");
var CONTEXTUAL = new RegExp(String.raw`${SECTION_WORD}\s*(${NUMBER})${PARAGRAPH}${PILCROW}(?![\w.]*\w)`, "gi");
var LIST_MORE = new RegExp(String.raw`\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:§\s*)?(${DOTTED})(?![\d.]*\d)`, "y");
var FOREIGN = [
  new RegExp(String.raw`\bRFC[\s-]?(?!6455(?!\d))\d{1,5}(?:\s*[,:]?\s*\(?\s*${SECTION_WORD}\s*${NUMBER})?`, "gi"),
  new RegExp(String.raw`${SECTION_WORD}\s*${NUMBER}\s+(?:of|in)\s+(?:the\s+)?(?:RFC[\s-]?(?!6455(?!\d))\d+|\[(?!RFC[\s-]?6455\]|WSP\])[^\]\s]+\]|draft-[\w-]+)`, "gi"),
  /\bdraft-[a-z0-9-]+/gi,
  /\bhttps?:\/\/[^\s<>"')\]]+/gi,
  // Reference tags of other documents, and names of the API documents and
  // their neighbours: a quotation next to them is not RFC 6455's, and we do
  // not guess which standard a bare "WHATWG" means.
  /\[(?!RFC[\s-]?6455\]|WSP\])[A-Z][A-Za-z0-9-]*\]/g,
  /\b(?:W3C(?:\s+(?:CR|WD|ED|WebSockets?(?:\s+API)?))?|WHATWG(?:\s+(?:HTML|WebSockets?))?|(?:HTML|Fetch|URL|DOM|WebSockets)\s+Standard)\b/g
];
function rfcAnchor(raw) {
  const anchor = raw.replace(/[.\-]+$/, "");
  const xml2rfc = /^rfc\.section\.(\d+(?:\.\d+)*?)(?:\.p\.(\d+))?$/i.exec(anchor);
  if (xml2rfc) return xml2rfc[2] ? `section-${xml2rfc[1]}-${xml2rfc[2]}` : `section-${xml2rfc[1]}`;
  return anchor.toLowerCase();
}
function isTemplate(anchor) {
  return /^section-[xn](?:[.-][xn])*$/i.test(anchor) || /[{}<>]/.test(anchor);
}
function rfcRef(text, form, number, paragraph, pilcrow) {
  const para = paragraph ?? pilcrow;
  const anchor = para ? `section-${number}-${para}` : `section-${number}`;
  return { text, form, source: "rfc6455", anchor, id: `rfc6455#${anchor}` };
}
function apiAnchor(raw) {
  let anchor = raw.replace(/[.\-:]+$/, "");
  try {
    anchor = decodeURIComponent(anchor);
  } catch {
  }
  return anchor;
}
function allHits(text) {
  const hits = [];
  const push = (match, refs, priority, end = match.index + match[0].length) => {
    hits.push({ start: match.index, end, refs, priority, foreign: false });
  };
  for (const match of text.matchAll(RFC_URL)) {
    const anchor = match[1] ? rfcAnchor(match[1]) : null;
    if (anchor !== null && isTemplate(anchor)) continue;
    push(match, [{ text: match[0], form: "url", source: "rfc6455", anchor, id: anchor ? `rfc6455#${anchor}` : "rfc6455" }], 0);
  }
  for (const match of text.matchAll(WHATWG_URL)) {
    const anchor = match[1] ? apiAnchor(match[1]) : null;
    push(match, [{ text: match[0], form: "url", source: "whatwg", anchor, id: anchor ? `whatwg#${anchor}` : "whatwg" }], 0);
  }
  for (const match of text.matchAll(HTML_URL)) {
    const page = match[1] ?? "/";
    const anchor = match[2] ? apiAnchor(match[2]) : null;
    const websocketPage = /web-sockets\.html$/i.test(page);
    if (!websocketPage && !(anchor && /websocket|closeevent|close-event|wsp\b/i.test(anchor))) continue;
    const document = match[0].replace(/#.*$/, "");
    const ref = { text: match[0], form: "url", source: "whatwg", anchor, id: anchor ? `whatwg#${anchor}` : "whatwg", legacy: document };
    push(match, [ref], 0);
  }
  for (const match of text.matchAll(W3C_URL)) {
    const anchor = match[1] ? apiAnchor(match[1]) : null;
    push(match, [{ text: match[0], form: "url", source: "w3c", anchor, id: anchor ? `w3c#${anchor}` : "w3c" }], 0);
  }
  for (const match of text.matchAll(ID_FORM)) {
    const source = match[1].toLowerCase();
    const anchor = source === "rfc6455" ? rfcAnchor(match[2]) : apiAnchor(match[2]);
    if (isTemplate(anchor)) continue;
    push(match, [{ text: match[0], form: "id", source, anchor, id: `${source}#${anchor}` }], 1);
  }
  const withList = (match, first, priority) => {
    const refs = [first];
    let end = match.index + match[0].length;
    LIST_MORE.lastIndex = end;
    for (let more = LIST_MORE.exec(text); more; more = LIST_MORE.exec(text)) {
      refs.push(rfcRef(text.slice(match.index, more.index + more[0].length), "text", more[1]));
      end = more.index + more[0].length;
      LIST_MORE.lastIndex = end;
    }
    push(match, refs, priority, end);
  };
  for (const match of text.matchAll(RFC_FORWARD)) {
    const number = match[1] ?? match[4];
    const paragraph = match[1] ? match[2] : match[5];
    const pilcrow = match[1] ? match[3] : match[6];
    withList(match, rfcRef(match[0], "text", number, paragraph, pilcrow), 2);
  }
  for (const match of text.matchAll(RFC_REVERSE)) {
    push(match, [rfcRef(match[0], "text", match[1], match[2], match[3])], 2);
  }
  for (const match of text.matchAll(RFC_BARE)) {
    push(match, [{ text: match[0], form: "text", source: "rfc6455", anchor: null, id: "rfc6455" }], 4);
  }
  for (const pattern of FOREIGN) {
    for (const match of text.matchAll(pattern)) {
      hits.push({ start: match.index, end: match.index + match[0].length, refs: [], priority: 3, foreign: true });
    }
  }
  for (const match of text.matchAll(CONTEXTUAL)) {
    push(match, [rfcRef(match[0], "contextual", match[1], match[2], match[3])], 5);
  }
  return hits;
}
function resolveOverlaps(hits) {
  const ordered = [...hits].sort(
    (a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start
  );
  const kept = [];
  for (const hit of ordered) {
    if (kept.some((other) => hit.start < other.end && other.start < hit.end)) continue;
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}
function citationsIn(text, quoted = []) {
  const inQuote = (hit) => quoted.some((span) => hit.start >= span.start && hit.end <= span.end);
  const hits = resolveOverlaps(allHits(text).filter((hit) => !inQuote(hit)));
  const out = [];
  let context = null;
  for (const hit of hits) {
    if (hit.foreign) {
      context = "other";
      out.push(hit);
      continue;
    }
    if (hit.refs[0]?.form === "contextual") {
      if (context === "rfc6455" && !inCodeSpan(text, hit.start)) out.push(hit);
      continue;
    }
    context = hit.refs[0]?.source === "rfc6455" ? "rfc6455" : "other";
    out.push(hit);
  }
  return out;
}
function inCodeSpan(text, offset) {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return (before.match(/`/g) ?? []).length % 2 === 1;
}
function referencesInText(text) {
  return citationsIn(text).flatMap((hit) => hit.refs);
}
var OPENERS = { '"': '"\u201D', "\u201C": '\u201D"', "'": "'\u2019", "\u2018": "\u2019'" };
var MAX_QUOTE = 2e3;
function quotationsIn(text) {
  const out = [];
  const hits = allHits(text);
  const citationEnds = hits.map((hit) => hit.end);
  const citationStarts = hits.map((hit) => hit.start);
  const afterCitation = (at) => citationEnds.some((end) => end <= at && /^[\s:,—–-]*$/.test(text.slice(end, at)));
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const closers = OPENERS[ch];
    if (!closers) {
      i++;
      continue;
    }
    const before = i > 0 ? text[i - 1] : " ";
    const single = ch === "'" || ch === "\u2018";
    if (single && !/[\s(\[{:=,>]/.test(before) || /\s/.test(text[i + 1] ?? " ") || ch === '"' && /[\w]/.test(before)) {
      i++;
      continue;
    }
    let j = i + 1;
    let found = -1;
    let newlines = 0;
    while (j < text.length && j - i < MAX_QUOTE && newlines <= 15) {
      const c = text[j];
      if (c === "\n") newlines++;
      if (closers.includes(c) && !/\s/.test(text[j - 1]) && (!single || !/[\p{L}\p{N}]/u.test(text[j + 1] ?? " "))) {
        found = j;
        break;
      }
      j++;
    }
    if (found < 0) {
      i++;
      continue;
    }
    if (ch === '"' && afterCitation(i)) {
      const lineEnd = text.indexOf("\n", found) < 0 ? text.length : text.indexOf("\n", found);
      const rest = text.slice(found + 1, lineEnd);
      const last = rest.search(/"(?=[\s.,;:]*(?:\*\/)?\s*$)/);
      const crossesCitation = citationStarts.some((start) => start > found && start < found + 1 + last);
      if (last >= 0 && !crossesCitation) found = found + 1 + last;
    }
    const body = text.slice(i + 1, found);
    if (isProse(body) && !isCitation(body)) out.push({ start: i + 1, end: found, text: body });
    i = found + 1;
  }
  return out;
}
function isProse(body) {
  const words = body.match(new RegExp("\\p{L}[\\p{L}\\p{N}'\u2019-]*", "gu")) ?? [];
  if (words.length < 3 || body.replace(/\s+/g, " ").trim().length < 12) return false;
  return !/=>|[{}]|===|!==|&&|\|\||\(\);|\$\{|<\/?[a-z][\w-]*(?:\s[^>]*)?>/i.test(body);
}
function isCitation(body) {
  const covered = resolveOverlaps(allHits(body)).reduce((sum, hit) => sum + (hit.end - hit.start), 0);
  return covered * 2 > body.trim().length;
}
function blockText(block) {
  const starts = [];
  let text = "";
  for (const [index, line] of block.lines.entries()) {
    if (index > 0) text += "\n";
    starts.push(text.length);
    text += line.text;
  }
  return {
    text,
    position(offset) {
      const index = lineOf(starts, offset);
      const line = block.lines[index];
      return { line: line.line, column: line.column + (offset - starts[index]), index };
    }
  };
}
var REACH = 30;
var BLOCK_REACH = 5;
function findReferences(source, file, syntax = syntaxOf(file) ?? "js") {
  const blocks = commentBlocks(source, syntax);
  const sourceLines = source.split("\n");
  const references = [];
  const citations = [];
  const refsOfHit = /* @__PURE__ */ new Map();
  const quotes = [];
  blocks.forEach((block, blockIndex) => {
    const { text, position } = blockText(block);
    const located = [];
    const quoted = quotationsIn(text);
    for (const hit of citationsIn(text, quoted)) {
      const at = position(hit.start);
      located.push({ hit, block: blockIndex, line: at.line, end: position(Math.max(hit.start, hit.end - 1)).line });
      if (hit.foreign) continue;
      const found = hit.refs.map((ref) => ({ file, line: at.line, column: at.column, ...ref, quotes: [] }));
      refsOfHit.set(hit, found);
      references.push(...found);
    }
    citations.push(located);
    for (const quote of quoted) {
      const at = position(quote.start);
      quotes.push({
        quote: { text: quote.text, line: at.line, column: at.column, attribution: "comment" },
        block: blockIndex,
        line: at.line,
        endLine: position(quote.end).line,
        start: quote.start,
        end: quote.end
      });
    }
  });
  const indentOf = (lineNumber) => /^\s*/.exec(sourceLines[lineNumber - 1] ?? "")[0].length;
  const isBlank = (lineNumber) => (sourceLines[lineNumber - 1] ?? "").trim() === "";
  const ownerOf = (quote) => {
    const own = citations[quote.block];
    const onLines = own.filter((c) => c.end >= quote.line && c.line <= quote.endLine);
    if (onLines.length > 0) {
      const distance = (c) => c.hit.end <= quote.start ? quote.start - c.hit.end : c.hit.start >= quote.end ? c.hit.start - quote.end : 0;
      return { hit: [...onLines].sort((a, b) => distance(a) - distance(b))[0].hit, attribution: "comment" };
    }
    const before = own.filter((c) => c.hit.end <= quote.start).at(-1);
    if (before) {
      const reach = before.hit.refs[0]?.anchor === null ? 1 : BLOCK_REACH;
      return quote.line - before.end <= reach ? { hit: before.hit, attribution: "comment" } : null;
    }
    const after = own.find((c) => c.hit.start >= quote.end);
    if (after) return after.line - quote.endLine <= 1 ? { hit: after.hit, attribution: "comment" } : null;
    const home = blocks[quote.block];
    if (home.standalone && home.kind === "block") return null;
    for (let b = quote.block - 1; b >= 0; b--) {
      const block = blocks[b];
      const last = block.lines.at(-1).line;
      if (quote.line - last > REACH) return null;
      const cites = citations[b];
      if (cites.length === 0) continue;
      const owner = cites.at(-1);
      let firstCode = last + 1;
      while (firstCode < quote.line && (isBlank(firstCode) || isCommentLine(sourceLines[firstCode - 1]))) firstCode++;
      if (firstCode >= quote.line && !(block.standalone && firstCode === quote.line)) return null;
      for (let line = firstCode + 1; line <= quote.line; line++) {
        if (!isBlank(line) && indentOf(line) <= block.indent) return null;
      }
      return { hit: owner.hit, attribution: "enclosing" };
    }
    return null;
  };
  for (const quote of quotes) {
    const owner = ownerOf(quote);
    if (!owner || owner.hit.foreign) continue;
    const refs = refsOfHit.get(owner.hit) ?? [];
    refs[0]?.quotes.push({ ...quote.quote, attribution: owner.attribution });
  }
  return references;
}
function isCommentLine(line) {
  return /^\s*(?:\/\/|\/\*|\*|#)/.test(line);
}
function parseCitationArgument(argument) {
  const input = argument.trim();
  if (input === "") return null;
  const found = referencesInText(input).filter((ref) => ref.form !== "contextual");
  const first = found[0];
  if (first && first.anchor !== null) {
    return first.legacy ? { source: first.source, anchor: first.anchor, legacy: first.legacy } : { source: first.source, anchor: first.anchor };
  }
  const short = new RegExp(String.raw`^(?:§\s*|sect?(?:ion)?\.?\s*)?(${NUMBER})${PARAGRAPH}${PILCROW}$`, "i").exec(input);
  if (short) {
    const para = short[2] ?? short[3];
    return { source: "rfc6455", anchor: para ? `section-${short[1]}-${para}` : `section-${short[1]}` };
  }
  if (/^section-[\w.-]+$/i.test(input) || /^rfc\.section\./i.test(input)) return { source: "rfc6455", anchor: rfcAnchor(input) };
  const hash = /^#?([\w.\-:%]+)$/.exec(input);
  if (hash) return { source: null, anchor: apiAnchor(hash[1]) };
  return null;
}

// src/site/reader/citation.ts
function citationMarkdown(label2, url, text, kind) {
  const lines = kind === "preformatted" ? ["```", ...text.replace(/\n+$/, "").split("\n"), "```"] : [text.trim()];
  const quote = lines.map((line) => line === "" ? ">" : `> ${line}`).join("\n");
  return `[${label2}](${url})

${quote}
`;
}

// src/cli/cite.ts
var API_ORDER = ["whatwg", "w3c", "rfc6455"];
function quotedKind(clause) {
  return clause.kind === "figure" || clause.kind === "table" ? "preformatted" : "prose";
}
function slugOf(title) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
function resolveAnchor(lookup, source, anchor) {
  const direct = lookup.resolve(source, anchor);
  if (direct) return direct;
  if (anchor.startsWith("name-")) {
    const slug = anchor.slice("name-".length);
    const section = lookup.corpus(source)?.sections.find((candidate) => slugOf(candidate.title) === slug);
    if (section) return lookup.resolve(source, section.anchor);
  }
  return null;
}
function describeSuggestion(item) {
  return "title" in item ? `${item.citation} ${item.title} (${item.id})` : `${item.citation} (${item.id})`;
}
function cite(lookup, query, site) {
  const parsed = parseCitationArgument(query);
  if (!parsed) {
    return {
      ok: false,
      message: `wsspec: cannot read "${query}" as a reference. Try 5.5.1, 5.5.1-2, rfc6455#section-5.5.1-2, dom-websocket-close or a spec URL.`,
      suggestions: []
    };
  }
  const sources = parsed.source ? [parsed.source] : API_ORDER;
  const found = [];
  for (const source of sources) {
    const target2 = resolveAnchor(lookup, source, parsed.anchor);
    if (target2) found.push(target2);
  }
  const target = found[0];
  if (!target) {
    const source = parsed.source ?? "whatwg";
    const suggestions = (parsed.source ? [parsed.source] : API_ORDER).flatMap(
      (candidate) => lookup.suggestions(candidate, parsed.anchor).map(describeSuggestion)
    );
    const name = lookup.corpus(source)?.source.shortName ?? source;
    const where = parsed.source ? `${name} has no ${parsed.anchor}` : `No source has an anchor ${parsed.anchor}`;
    return {
      ok: false,
      message: `wsspec: ${where}.${suggestions.length > 0 ? ` Nearest: ${suggestions.slice(0, 3).join("; ")}.` : ""}`,
      suggestions
    };
  }
  return { ok: true, result: describe(lookup, target, query, site, found.slice(1)) };
}
function absolute(site, url) {
  return site ? `${site}${url}` : url;
}
function citedClause(lookup, clause, site) {
  const upstreamUrl = lookup.upstreamUrl(clause.source, clause.anchor);
  const permalink = absolute(site, clause.url);
  return {
    id: clause.id,
    citation: clause.citation,
    kind: clause.kind,
    keywords: clause.keywords,
    informative: clause.informative === true,
    text: clause.text,
    upstreamUrl,
    permalink,
    // The site's own citation format; the link is the wsspec permalink when
    // its origin is known, else the upstream URL (a relative link would not
    // work in a pull request).
    markdown: citationMarkdown(clause.citation, site ? permalink : upstreamUrl, clause.text, quotedKind(clause))
  };
}
function describe(lookup, target, query, site, others) {
  const corpus = target.corpus;
  const sourceId = corpus.source.id;
  const clauses = target.clauses.map((clause) => citedClause(lookup, clause, site));
  const alsoIn = others.map(
    (other) => other.kind === "section" ? other.section.id : other.kind === "clause" ? other.clause.id : `${other.corpus.source.id}#${other.anchor}`
  );
  const licence = corpus.source.licence.notice;
  if (target.kind === "clause") {
    const main2 = clauses.find((clause) => clause.id === target.clause.id);
    return {
      query,
      kind: "clause",
      id: target.clause.id,
      citation: target.clause.citation,
      title: null,
      upstreamUrl: main2.upstreamUrl,
      permalink: main2.permalink,
      permalinkIsAbsolute: site !== null,
      clauses: [main2, ...clauses.filter((clause) => clause !== main2)],
      markdown: clauses.length === 1 ? main2.markdown : clauses.map((clause) => clause.markdown).join("\n"),
      alsoIn,
      licence
    };
  }
  const anchor = target.kind === "section" ? target.section.anchor : target.anchor;
  const id = `${sourceId}#${anchor}`;
  const title = target.kind === "section" ? target.section.title : null;
  const citation = target.kind === "section" ? target.section.citation : `${target.clauses[0]?.citation.replace(/\.\d+$/, "") ?? id}`;
  const url = target.kind === "section" ? target.section.url : target.clauses[0]?.url ?? "";
  const upstreamUrl = lookup.upstreamUrl(sourceId, anchor);
  const permalink = absolute(site, url.replace(/#.*$/, `#${anchor}`));
  const heading = `[${citation}${title ? ` ${title}` : ""}](${site ? permalink : upstreamUrl})
`;
  return {
    query,
    kind: target.kind,
    id,
    citation,
    title,
    upstreamUrl,
    permalink,
    permalinkIsAbsolute: site !== null,
    clauses,
    markdown: [heading, ...clauses.map((clause) => clause.markdown)].join("\n"),
    alsoIn,
    licence
  };
}
function formatCite(result) {
  const lines = [];
  const head = result.title ? `${result.citation} ${result.title}` : result.citation;
  lines.push(`${head}  (${result.id})`);
  lines.push(`  ${result.upstreamUrl}`);
  lines.push(
    result.permalinkIsAbsolute ? `  ${result.permalink}` : `  wsspec: ${result.permalink}  (site-relative; set --site or WSSPEC_SITE_URL for a full URL)`
  );
  if (result.alsoIn.length > 0) lines.push(`  also: ${result.alsoIn.join(", ")}`);
  lines.push("");
  if (result.kind === "clause") {
    const [main2, ...nested] = result.clauses;
    lines.push(main2.markdown.trimEnd());
    if (nested.length > 0) {
      lines.push("", "Nested clauses:", "");
      for (const clause of nested) lines.push(...clauseLines(clause));
    }
  } else {
    if (result.clauses.length === 0) lines.push("(no clauses of its own; see its subsections)");
    for (const clause of result.clauses) lines.push(...clauseLines(clause));
  }
  lines.push("", result.licence);
  return `${lines.join("\n")}
`;
}
function clauseLines(clause) {
  const keywords = clause.keywords.length > 0 ? `  ${[...new Set(clause.keywords)].join(", ")}` : "";
  const flag = clause.informative ? "  (informative)" : "";
  const text = clause.kind === "figure" || clause.kind === "table" ? clause.text.replace(/\n+$/, "").split("\n") : wrap(clause.text, 76);
  return [`${clause.citation}  ${clause.id}${keywords}${flag}`, ...text.map((line) => `    ${line}`), ""];
}
function wrap(text, width) {
  const out = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  return out;
}

// src/cli/check.ts
var SKIPPED_DIRECTORIES = /* @__PURE__ */ new Set(["node_modules", ".git", ".hg", ".svn"]);
function sourceFiles(path, maxBytes, skipped) {
  const root = resolve(path);
  const insideNodeModules = root.split(sep).includes("node_modules");
  const out = [];
  const skip = (reason) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const consider = (file, size) => {
    if (syntaxOf(file) === null) return;
    if (size > maxBytes) return skip("too large");
    out.push(file);
  };
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return skip("unreadable");
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === "node_modules" && !insideNodeModules) continue;
        if (SKIPPED_DIRECTORIES.has(entry.name) || entry.name.startsWith(".")) continue;
        visit(full);
      } else if (entry.isFile()) {
        consider(full, lstatSync(full).size);
      }
    }
  };
  const stat = statSync(root);
  if (stat.isDirectory()) visit(root);
  else consider(root, stat.size);
  return out;
}
function unreadableReason(content) {
  if (content.slice(0, 8e3).includes("\0")) return "binary";
  const lines = content.split("\n");
  const longest = lines.reduce((max, line) => Math.max(max, line.length), 0);
  if (content.length > 2e3 && (content.length / lines.length > 300 || longest > 5e3)) return "minified";
  return null;
}
function displayPath(file, cwd) {
  const rel = relative(cwd, file);
  const shown = rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : rel;
  return shown.split(sep).join("/");
}
var EXCERPT = 120;
function excerpt(text, length = EXCERPT) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}\u2026` : flat;
}
var Checker = class {
  lookup;
  site;
  constructor(lookup, site) {
    this.lookup = lookup;
    this.site = site;
  }
  #permalink(url) {
    return this.site ? `${this.site}${url}` : url;
  }
  summarizeClause(clause) {
    return {
      id: clause.id,
      citation: clause.citation,
      upstreamUrl: this.lookup.upstreamUrl(clause.source, clause.anchor),
      permalink: this.#permalink(clause.url)
    };
  }
  #summarizeTarget(target) {
    const source = target.corpus.source.id;
    if (target.kind === "clause") {
      return { ...this.summarizeClause(target.clause), kind: "clause", excerpt: excerpt(target.clause.text) };
    }
    if (target.kind === "section") {
      const first2 = target.clauses[0];
      return {
        id: target.section.id,
        citation: target.section.citation,
        title: target.section.title,
        upstreamUrl: this.lookup.upstreamUrl(source, target.section.anchor),
        permalink: this.#permalink(target.section.url),
        kind: "section",
        excerpt: first2 ? excerpt(first2.text) : ""
      };
    }
    const first = target.clauses[0];
    return {
      id: `${source}#${target.anchor}`,
      citation: first.citation.replace(/\.\d+$/, ""),
      upstreamUrl: this.lookup.upstreamUrl(source, target.anchor),
      permalink: this.#permalink(first.url.replace(/#.*$/, `#${target.anchor}`)),
      kind: "group",
      excerpt: excerpt(first.text)
    };
  }
  #name(source) {
    return this.lookup.corpus(source)?.source.shortName ?? source;
  }
  /** Resolves one found reference and checks its quotations. */
  checkReference(found, file) {
    const base = {
      file,
      line: found.line,
      column: found.column,
      text: found.text.replace(/\s+/g, " "),
      form: found.form,
      source: found.source,
      id: found.id
    };
    const corpus = this.lookup.corpus(found.source);
    if (found.anchor === null) {
      const quotes = found.quotes.map((quote) => this.#checkQuote(quote, found.source, null));
      return {
        ...base,
        status: "document",
        severity: "info",
        message: `${this.#name(found.source)} (the whole document)`,
        ...corpus ? {
          target: {
            id: found.source,
            citation: corpus.source.shortName,
            title: corpus.source.title,
            upstreamUrl: corpus.source.url,
            permalink: this.#permalink(`/${found.source}/`),
            kind: "document",
            excerpt: ""
          }
        } : {},
        quotes
      };
    }
    if (found.source === "rfc6455" && /^page-\d+$/.test(found.anchor)) {
      return {
        ...base,
        status: "page",
        severity: "info",
        message: `a page of the RFC's text edition (${found.anchor.replace("-", " ")}), not a section: cite a section so the reference survives reformatting`,
        quotes: found.quotes.map((quote) => this.#checkQuote(quote, found.source, null))
      };
    }
    const target = resolveAnchor(this.lookup, found.source, found.anchor);
    if (target) {
      const summary = this.#summarizeTarget(target);
      const scopeId = summary.id;
      return {
        ...base,
        status: "resolved",
        severity: "info",
        message: `${summary.citation}${summary.title ? ` ${summary.title}` : ""}`,
        target: summary,
        quotes: found.quotes.map((quote) => this.#checkQuote(quote, found.source, scopeId))
      };
    }
    const suggestions = this.lookup.suggestions(found.source, found.anchor).map((item) => ({
      id: item.id,
      citation: item.citation,
      ..."title" in item ? { title: item.title } : {},
      upstreamUrl: this.lookup.upstreamUrl(item.source, item.anchor),
      permalink: this.#permalink(item.url)
    }));
    const nearest = suggestions.length > 0 ? `; nearest: ${suggestions.map((s) => `${s.citation}${s.title ? ` ${s.title}` : ""}`).join(", ")}` : "";
    if (found.legacy) {
      return {
        ...base,
        status: "old-document",
        severity: "info",
        message: `anchor #${found.anchor} of the HTML Standard's old WebSocket section, not in the ${this.#name("whatwg")}${nearest}`,
        suggestions,
        quotes: found.quotes.map((quote) => this.#unchecked(quote, found.source))
      };
    }
    const what = found.source === "rfc6455" ? describeRfcAnchor(found.anchor) : `#${found.anchor}`;
    return {
      ...base,
      status: "unknown",
      severity: found.form === "contextual" ? "warning" : "error",
      message: `${this.#name(found.source)} has no ${what}${nearest}`,
      suggestions,
      quotes: found.quotes.map((quote) => this.#unchecked(quote, found.source))
    };
  }
  #foundIn(clauses) {
    return clauses.slice(0, 5).map((clause) => this.summarizeClause(clause));
  }
  #checkQuote(quote, source, scopeId) {
    const corpora = this.lookup.corpora;
    const result = scopeId === null ? matchQuoteInSource(quote.text, source, corpora) : matchQuote(quote.text, scopeId, corpora);
    const base = { text: quote.text.replace(/\s+/g, " ").trim(), line: quote.line, column: quote.column };
    if (result.ok) return { ...base, status: "ok", severity: "info", message: "quote matches" };
    if (result.reason === "not-in-clause") {
      const foundIn = this.#foundIn(result.foundIn);
      const where = listCitations(foundIn.map((c) => c.citation), result.foundIn.length);
      const cited = scopeId ?? this.#name(source);
      const severity = quote.attribution === "comment" ? "error" : "warning";
      return { ...base, status: "elsewhere", severity, message: `quote is not in ${cited}; the words are in ${where}`, foundIn };
    }
    if (result.reason === "nowhere") {
      const words = base.text.split(/\s+/).filter((word) => new RegExp("\\p{L}", "u").test(word)).length;
      const severity = quote.attribution === "comment" && words >= 5 ? "error" : "warning";
      const closest = result.closest ? { ...this.summarizeClause(result.closest.clause), similarity: result.closest.similarity } : void 0;
      const hint = closest ? `; closest: ${closest.citation} (${Math.round(closest.similarity * 100)}% similar)` : "";
      return {
        ...base,
        status: "nowhere",
        severity,
        message: `quote is nowhere in RFC 6455 or the WebSocket API (a paraphrase or a drifted quote)${hint}`,
        ...closest ? { closest } : {}
      };
    }
    return { ...base, status: "unchecked", severity: "info", message: "nothing to compare" };
  }
  /** A quotation next to a reference that names nothing: say where its words are, if anywhere. */
  #unchecked(quote, source) {
    const base = { text: quote.text.replace(/\s+/g, " ").trim(), line: quote.line, column: quote.column };
    const result = matchQuoteInSource(quote.text, source, this.lookup.corpora);
    const clauses = result.ok ? result.clauses : result.reason === "not-in-clause" ? result.foundIn : [];
    if (clauses.length > 0) {
      const foundIn = this.#foundIn(clauses);
      return {
        ...base,
        status: "unchecked",
        severity: "info",
        message: `the quoted words are in ${listCitations(foundIn.map((c) => c.citation), clauses.length)}`,
        foundIn
      };
    }
    return { ...base, status: "unchecked", severity: "info", message: "not checked (the reference names nothing)" };
  }
};
function listCitations(citations, total) {
  const more = total > citations.length ? ` and ${total - citations.length} more` : "";
  return `${citations.join(", ")}${more}`;
}
function describeRfcAnchor(anchor) {
  const match = /^section-(\d+(?:\.\d+)*)(?:-(\d+(?:\.\d+)*))?$/.exec(anchor);
  if (!match) return `anchor #${anchor}`;
  return match[2] ? `\xA7${match[1]} \xB6${match[2]} (#${anchor})` : `\xA7${match[1]} (#${anchor})`;
}
function check(lookup, paths, options) {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const checker = new Checker(lookup, options.site);
  const skipped = {};
  const references = [];
  let files = 0;
  for (const path of paths) {
    for (const file of sourceFiles(resolve(cwd, path), maxBytes, skipped)) {
      let content;
      try {
        content = readFileSync(file, "utf8");
      } catch {
        skipped["unreadable"] = (skipped["unreadable"] ?? 0) + 1;
        continue;
      }
      const reason = unreadableReason(content);
      if (reason) {
        skipped[reason] = (skipped[reason] ?? 0) + 1;
        continue;
      }
      files++;
      const shown = displayPath(file, cwd);
      for (const found of findReferences(content, shown)) references.push(checker.checkReference(found, shown));
    }
  }
  return { paths: [...paths], corpus: options.corpusOrigin ?? "", references, skipped, summary: summarize(references, files) };
}
function summarize(references, files) {
  const quotes = references.flatMap((reference) => reference.quotes);
  const all = [...references, ...quotes];
  return {
    files,
    references: references.length,
    resolved: references.filter((r) => r.status === "resolved").length,
    unknown: references.filter((r) => r.status === "unknown").length,
    informational: references.filter((r) => r.status === "document" || r.status === "page" || r.status === "old-document").length,
    quotes: quotes.length,
    quotesOk: quotes.filter((q) => q.status === "ok").length,
    quoteMismatches: quotes.filter((q) => q.status === "elsewhere" || q.status === "nowhere").length,
    errors: all.filter((item) => item.severity === "error").length,
    warnings: all.filter((item) => item.severity === "warning").length
  };
}
function summaryLine(summary) {
  const parts = [
    `${summary.references} reference${summary.references === 1 ? "" : "s"} in ${summary.files} file${summary.files === 1 ? "" : "s"}`,
    `${summary.resolved} resolved`,
    `${summary.unknown} unknown`,
    `${summary.informational} informational`,
    `${summary.quotes} quote${summary.quotes === 1 ? "" : "s"} (${summary.quotesOk} ok, ${summary.quoteMismatches} mismatched)`
  ];
  return `${parts.join(", ")}: ${summary.errors} error${summary.errors === 1 ? "" : "s"}, ${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}.`;
}
function label(severity, status) {
  return severity === "info" ? status : severity;
}
function formatText(report, options = {}) {
  const lines = [];
  for (const reference of report.references) {
    const problem = reference.severity !== "info" || reference.quotes.some((q) => q.severity !== "info");
    if (options.quiet && !problem) continue;
    const where = `${reference.file}:${reference.line}:${reference.column}`;
    lines.push(`${where}  ${label(reference.severity, reference.status === "resolved" ? "ok" : reference.status)}  ${reference.text}`);
    lines.push(`    ${reference.message}`);
    if (reference.target) {
      if (reference.target.excerpt) lines.push(`    > ${reference.target.excerpt}`);
      lines.push(`    ${reference.target.upstreamUrl}`);
    }
    for (const quote of reference.quotes) {
      lines.push(`  ${quote.line}:${quote.column}  ${label(quote.severity, quote.status === "ok" ? "quote ok" : "quote")}  "${excerpt(quote.text, 100)}"`);
      if (quote.status !== "ok") lines.push(`    ${quote.message}`);
    }
  }
  if (lines.length > 0) lines.push("");
  const skipped = Object.entries(report.skipped).map(([reason, count]) => `${count} ${reason}`).join(", ");
  lines.push(summaryLine(report.summary) + (skipped ? ` Skipped: ${skipped}.` : ""));
  return `${lines.join("\n")}
`;
}
function cell(text) {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function code(text) {
  const clean = text.replace(/\s+/g, " ");
  return clean.includes("`") ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}
function formatMarkdown(report) {
  const { summary } = report;
  const out = [];
  const verdict = summary.errors > 0 ? "\u274C" : summary.warnings > 0 ? "\u26A0\uFE0F" : "\u2705";
  out.push(`## ${verdict} wsspec check`, "");
  out.push(`${summaryLine(summary)}`, "");
  out.push("| | Count |", "|---|---:|");
  out.push(`| Files scanned | ${summary.files} |`);
  out.push(`| References | ${summary.references} |`);
  out.push(`| Resolved | ${summary.resolved} |`);
  out.push(`| Unknown sections or anchors | ${summary.unknown} |`);
  out.push(`| Whole-document, page and old-document references | ${summary.informational} |`);
  out.push(`| Quotes checked | ${summary.quotes} |`);
  out.push(`| Quotes matching the cited clause | ${summary.quotesOk} |`);
  out.push(`| Quote mismatches | ${summary.quoteMismatches} |`);
  out.push(`| **Errors** | **${summary.errors}** |`);
  out.push(`| Warnings | ${summary.warnings} |`, "");
  const problems = [];
  for (const reference of report.references) {
    const location = `\`${reference.file}:${reference.line}\``;
    if (reference.severity !== "info") {
      problems.push(`| ${reference.severity} | ${location} | ${cell(code(reference.text))} | ${cell(reference.message)} |`);
    }
    for (const quote of reference.quotes) {
      if (quote.severity === "info") continue;
      const links = (quote.foundIn ?? (quote.closest ? [quote.closest] : [])).slice(0, 3).map((c) => `[${c.citation}](${c.permalink.startsWith("http") ? c.permalink : c.upstreamUrl})`).join(", ");
      problems.push(
        `| ${quote.severity} | \`${reference.file}:${quote.line}\` | ${cell(code(reference.text))} \u201C${cell(excerpt(quote.text, 80))}\u201D | ${cell(quote.message)}${links ? ` \u2014 ${links}` : ""} |`
      );
    }
  }
  if (problems.length > 0) {
    out.push("### Problems", "", "| | Where | Reference | Problem |", "|---|---|---|---|", ...problems, "");
  }
  if (report.references.length > 0) {
    out.push(`<details><summary>All ${report.references.length} references</summary>`, "");
    out.push("| Where | Reference | Names | Text |", "|---|---|---|---|");
    for (const reference of report.references) {
      const target = reference.target;
      const link = target ? `[${target.citation}${target.title ? ` ${target.title}` : ""}](${target.permalink.startsWith("http") ? target.permalink : target.upstreamUrl})` : reference.status;
      out.push(
        `| \`${reference.file}:${reference.line}\` | ${cell(code(reference.text))} | ${cell(link)} | ${cell(target?.excerpt ?? reference.message)} |`
      );
    }
    out.push("", "</details>", "");
  }
  return `${out.join("\n")}
`;
}

// src/cli/corpus.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
var UsageError = class extends Error {
};
var SetupError = class extends Error {
};
function besideScript() {
  try {
    const path = fileURLToPath(new URL("./corpus.json", import.meta.url));
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
async function obtainCorpus(options = {}) {
  const env = options.env ?? process.env;
  const explicit = options.corpus ?? env["WSSPEC_CORPUS"];
  if (explicit) {
    if (!existsSync(explicit)) throw new SetupError(`wsspec: no corpus bundle at ${explicit}.`);
    return { bundle: await readCorpusBundle(explicit), origin: explicit };
  }
  const beside = besideScript();
  if (beside) return { bundle: await readCorpusBundle(beside), origin: beside };
  try {
    const corpora = await loadCorpora();
    return {
      bundle: await buildCorpusBundle(corpora, { site: siteOrigin(env["WSSPEC_SITE_URL"]) }),
      origin: "spec sources (.cache/specs)"
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SetupError(
      `wsspec: cannot load the corpus. ${message}
In a clone of wsspec, run \`npm run sync\` once (it fills .cache/specs from ../shared/specs, $WSSPEC_SPECS_DIR or the canonical URLs); or pass --corpus <file> with a bundle written by \`npm run cli:build\`.`
    );
  }
}
function permalinkOrigin(bundle, site, env = process.env) {
  return siteOrigin(site) ?? siteOrigin(env["WSSPEC_SITE_URL"]) ?? bundle.site;
}

// src/cli/wsspec.ts
var HELP = `wsspec \u2014 cite and check references to RFC 6455 and the WebSocket API

Usage:
  wsspec cite <ref> [--markdown | --json] [--site <origin>]
  wsspec check <path>... [--markdown | --json] [--quiet] [--site <origin>]
  wsspec help

cite <ref>
  Prints a clause or a section: its citation, the upstream URL, the wsspec
  permalink, the text, and a Markdown citation (with --markdown, only that).
  <ref> is a section (5.5.1, \xA75.5.1, section-5.5.1, rfc6455#section-5.5.1),
  a clause (5.5.1-2, "5.5.1 \xB62", rfc6455#section-5.5.1-2), an API anchor
  (dom-websocket-close, whatwg#dom-websocket-close, w3c#\u2026) or a spec URL.

check <path>...
  Scans the comments of source files (JS/TS, C-family, Go, Rust, Java,
  Python, shell\u2026) for references to RFC 6455 and the WebSocket API ("RFC 6455
  \xA75.5.1", "RFC6455 5.5.1", "Section 5.5.1 of RFC 6455", rfc6455#section-\u2026,
  rfc-editor / datatracker / tools.ietf.org URLs, WHATWG and W3C URLs) and
  the quotations next to them. Reports each reference with the clause it
  names; errors for references to sections that do not exist and for quotes
  that are not the words of the cited clause (with where the words really
  are). node_modules is skipped unless <path> is inside it.

Options:
  --markdown        Markdown output (cite: the citation; check: a PR comment)
  --json            JSON output
  --quiet           check: print only problems
  --site <origin>   wsspec site origin for permalinks (default: $WSSPEC_SITE_URL,
                    else the origin the corpus was built for, else site-relative)
  --corpus <file>   corpus bundle JSON (default: $WSSPEC_CORPUS, the bundle
                    beside this script, else the clone's synced spec sources)
  -h, --help        this help

Exit codes: 0 no errors; 1 errors found; 2 usage or setup error.
Works offline.
`;
var defaultIo = () => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd()
});
async function main(argv, io = defaultIo()) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        markdown: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        site: { type: "string" },
        corpus: { type: "string" },
        help: { type: "boolean", short: "h", default: false }
      }
    });
  } catch (error) {
    io.stderr(`wsspec: ${error.message}

${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === "help" || command === void 0) {
    (command === void 0 && !values.help ? io.stderr : io.stdout)(HELP);
    return command === void 0 && !values.help ? 2 : 0;
  }
  try {
    if (values.json && values.markdown) throw new UsageError("choose one of --json and --markdown");
    if (command !== "cite" && command !== "check") throw new UsageError(`unknown command "${command}"`);
    if (rest.length === 0) throw new UsageError(`${command} needs ${command === "cite" ? "a reference" : "at least one path"}`);
    if (command === "cite" && values.quiet) throw new UsageError("--quiet is for check");
    const { bundle, origin } = await obtainCorpus({ corpus: values.corpus, env: io.env });
    const lookup = new CorpusLookup(bundle);
    const site = permalinkOrigin(bundle, values.site, io.env);
    if (command === "cite") {
      const outcome = cite(lookup, rest.join(" "), site);
      if (!outcome.ok) {
        if (values.json) io.stdout(`${JSON.stringify({ error: outcome.message, suggestions: outcome.suggestions }, null, 2)}
`);
        io.stderr(`${outcome.message}
`);
        return 1;
      }
      const { result } = outcome;
      if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}
`);
      else if (values.markdown) io.stdout(result.markdown);
      else io.stdout(formatCite(result));
      return 0;
    }
    const { existsSync: existsSync2 } = await import("node:fs");
    const { resolve: resolve2 } = await import("node:path");
    const missing = rest.filter((path) => !existsSync2(resolve2(io.cwd, path)));
    if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(", ")}`);
    const report = check(lookup, rest, { cwd: io.cwd, site, corpusOrigin: origin });
    if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}
`);
    else if (values.markdown) io.stdout(formatMarkdown(report));
    else io.stdout(formatText(report, { quiet: values.quiet }));
    return report.summary.errors > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`wsspec: ${error.message}
Run \`wsspec help\` for usage.
`);
      return 2;
    }
    if (error instanceof SetupError) {
      io.stderr(`${error.message}
`);
      return 2;
    }
    throw error;
  }
}
function isEntryPoint() {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath2(import.meta.url));
  } catch {
    return false;
  }
}
async function run(argv = process.argv.slice(2)) {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    process.stderr.write(`wsspec: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}
`);
    process.exitCode = 2;
  }
}
if (isEntryPoint()) await run();
export {
  HELP,
  main,
  run
};
