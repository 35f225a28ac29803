import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { SEED_STORY_FILE, seedStepSchema } from './site/history/seed-story.ts';

export const collections = {
  // Hand-written guides live in docs/ (the generated reader pages are injected routes).
  // docs/ja/ holds the Japanese locale (astro.config.ts: locales).
  docs: defineCollection({
    loader: glob({ base: './docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
  // The seed's story, one entry per step (`id` is the step number), in
  // English and Japanese; src/site/history/seed-story.ts reads the same file.
  seedStory: defineCollection({
    loader: file(SEED_STORY_FILE),
    schema: seedStepSchema.omit({ id: true }),
  }),
};
