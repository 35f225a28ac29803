// The cases live in ./cases/close-codes.cases.ts and also run in the reader's browser
// (the site's "Run in your browser"); their titles carry the clause IDs.
import { describe, it } from 'vitest';
import { cases } from './cases/close-codes.cases.ts';

describe('Close status codes', () => {
  for (const c of cases) it(c.title, c.run);
});
