/** The W3C WebSocket API corpus (reader: the Candidate Recommendation of 20 September 2012). */
export {
  W3C_CR_CITATION_NAME,
  W3C_CR_KEY,
  W3C_CR_URL,
  loadW3cCr,
  loadW3cSource,
  parseW3cHtml,
  w3cCitationName,
  w3cCrSourceInfo,
  type W3cParseOptions,
} from './parse.ts';
