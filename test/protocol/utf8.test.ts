// The cases live in ./cases/utf8.cases.ts and also run in the reader's browser
// (the site's "Run in your browser"); their titles carry the clause IDs.
import { describe, it } from 'vitest';
import { cases } from './cases/utf8.cases.ts';

describe('UTF-8', () => {
  for (const c of cases) it(c.title, c.run);
});
