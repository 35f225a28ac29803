// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  site: 'https://wsspec.example',
  integrations: [
    starlight({
      title: 'wsspec',
    }),
  ],
});
