/**
 * History data for the pages (build time), one module per concern under
 * src/site/history/:
 *
 * - `links.ts`: the timeline's URL, clause links and quotes, the site's
 *   protocol ↔ API clause pairs;
 * - `evidence.ts`: the recorded evidence run and the guides' tables;
 * - `clause-history.ts`: the History panel of each clause;
 * - `timeline.ts`: the timeline page;
 * - `seed-story.ts` (+ `seed-story.json`, a content collection): the seed's story;
 * - `shape.ts`: pure shaping (diffs, interleaving, rows, dates).
 *
 * This file re-exports them for the pages that import it.
 */
export * from './history/links.ts';
export * from './history/evidence.ts';
export * from './history/clause-history.ts';
export * from './history/timeline.ts';
export * from './history/seed-story.ts';
