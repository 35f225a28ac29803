/**
 * The seed's story: eleven steps from hybi-05 to Chromium today, each a
 * one-line summary in English and Japanese and the timeline items it points
 * to. The text lives in `seed-story.json`, the `seedStory` content
 * collection (src/content.config.ts); this module reads the same file for
 * code that runs outside Astro's content layer (the timeline data, tests),
 * with the same schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { REPO_ROOT } from '../../corpus/sources/paths.ts';

/** Where the story is kept, relative to the repository (the collection's `file()` loader reads it too). */
export const SEED_STORY_FILE = 'src/site/history/seed-story.json';

/** One step, as stored: `id` is the step number ("1" … "11"), `items` timeline item IDs in date order. */
export const seedStepSchema = z.object({
  id: z.string().regex(/^[1-9]\d*$/),
  items: z.array(z.string().min(1)).min(1),
  en: z.string().min(10),
  ja: z.string().min(5),
});

export type StoredSeedStep = z.infer<typeof seedStepSchema>;

/** The seed's story, in order: the timeline items of each step and a one-line summary. */
export interface SeedStep {
  step: number;
  items: string[];
  en: string;
  ja: string;
}

function load(): SeedStep[] {
  const stored = z.array(seedStepSchema).parse(JSON.parse(readFileSync(join(REPO_ROOT, SEED_STORY_FILE), 'utf8')));
  const steps = stored.map(({ id, items, en, ja }) => ({ step: Number(id), items, en, ja }));
  steps.forEach((step, i) => {
    if (step.step !== i + 1) throw new Error(`${SEED_STORY_FILE}: step ${step.step} is in place ${i + 1}`);
  });
  return steps;
}

export const SEED_STORY: readonly SeedStep[] = load();

/** The step of a timeline item, if it is part of the story. */
export const seedStepOf: ReadonlyMap<string, number> = new Map(SEED_STORY.flatMap((step) => step.items.map((id) => [id, step.step] as const)));
