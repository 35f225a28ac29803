/**
 * The clause IDs a case title names, read exactly as the build reads test
 * titles: the same function (src/trace/clause-ids.ts has no Node imports, so
 * the browser bundle can use it).
 */
export { clauseIdsIn as clauseIdsOf } from '../../../src/trace/clause-ids.ts';
