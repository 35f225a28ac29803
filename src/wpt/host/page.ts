/**
 * What a runtime host runs for one test URL (runtime-host.ts), as the runner
 * prepares it (../host-pages.ts): the page's title and its scripts in
 * document order, each script's text in a file of its own.
 */
export interface HostPage {
  /** The test URL: the host's `location`, and the base of the URLs the tests open. */
  url: string;
  /** The page's `<title>`, decoded: testharness.js names a single-test file's test after it. */
  title: string | null;
  /** `<script src>` and inline scripts, in document order: `name` for stack traces, `file` holding the text. */
  scripts: Array<{ name: string; file: string }>;
}
