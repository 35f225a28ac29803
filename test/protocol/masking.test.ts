// The cases live in ./cases/masking.cases.ts and also run in the reader's browser
// (the site's "Run in your browser"); their titles carry the clause IDs.
import { describe, it } from 'vitest';
import { cases } from './cases/masking.cases.ts';

describe('Masking', () => {
  for (const c of cases) it(c.title, c.run);
});
