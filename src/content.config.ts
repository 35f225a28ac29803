import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  // Hand-written guides live in docs/ (the generated reader pages are injected routes).
  docs: defineCollection({
    loader: glob({ base: './docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
};
