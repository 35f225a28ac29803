/**
 * A test case that runs unchanged under Vitest (test/protocol/*.test.ts
 * register each one with `it(title, run)`) and in a reader's browser (the
 * site's "Run in your browser" island imports ./index.ts on demand).
 *
 * Its title states the behaviour and ends with the clause IDs it proves, in
 * brackets: `… [rfc6455#section-5.2-3.5]`, several separated by commas. The
 * IDs must be written literally in the title's source line: the build scans
 * `*.cases.ts` files line by line (src/trace/test-ids.ts).
 *
 * A case may import only what a browser has: src/protocol, the modules of
 * this folder and test/support/spec-assert.ts. No Node, no Vitest.
 */
export interface SpecCase {
  readonly title: string;
  run(): void | Promise<void>;
}
