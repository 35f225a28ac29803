/** The WHATWG WebSockets Standard corpus (reader: the latest `index.bs`). */
export {
  WHATWG_CITATION_NAME,
  WHATWG_KEY,
  WHATWG_URL,
  bikeshedMetadata,
  bikeshedToHtml,
  loadWhatwg,
  loadWhatwgSource,
  parseWhatwgBikeshed,
  whatwgSourceInfo,
  type BikeshedDocument,
  type WhatwgParseOptions,
} from './parse.ts';
export { markdownToHtml, stripComments } from './markdown.ts';
export { generatedDfnId } from './dfns.ts';
export { parseAnchorsBlock, type AnchorEntry } from './autolinks.ts';
