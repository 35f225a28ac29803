/**
 * The pages the runtime hosts run (host/page.ts), prepared once per run.
 *
 * A browser fetches a test page and its scripts; a runtime host has no
 * document, and every test URL runs in four runtimes (ours, undici, Bun,
 * Deno), a new process each time. So the runner fetches each page from the
 * test server once, finds its scripts as the HTML parser would (parse5),
 * fetches each distinct script once, and writes them to files the hosts
 * read. The bytes are what a browser gets from the same URLs (the server's
 * `.sub.` substitutions depend on the URL alone). A fetch in a host process
 * would load Node's HTTP client (undici) for nothing: that was about a fifth
 * of a Node host's CPU, over some 650 processes a run.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { attr, findElement, findElements, parseHtmlDocument, textContent } from '../corpus/html/dom.ts';
import type { HostPage } from './host/page.ts';

/** GETs `url` from the test server (trusting `ca` for https); a network error is an error. */
function getText(url: URL, ca: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const done = (res: import('node:http').IncomingMessage): void => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    };
    const request = url.protocol === 'https:' ? httpsGet(url, { ca }, done) : httpGet(url, done);
    request.setTimeout(30_000, () => request.destroy(new Error(`${url.href}: no response within 30 s`)));
    request.on('error', reject);
  });
}

/** A page's title and scripts as the HTML parser finds them: `src` resolved against the page URL, or the inline text. */
export function pageScripts(html: string, pageUrl: URL): { title: string | null; scripts: Array<{ src: URL } | { inline: string }> } {
  const document = parseHtmlDocument(html);
  const titleElement = findElement(document, (el) => el.tagName === 'title');
  const title = titleElement === null ? null : textContent(titleElement).trim() || null;
  const scripts = findElements(document, (el) => el.tagName === 'script').map((el) => {
    const src = attr(el, 'src');
    return src === null ? { inline: textContent(el) } : { src: new URL(src, pageUrl) };
  });
  return { title, scripts };
}

export class HostPages {
  readonly #dir: string;
  readonly #ca: string;
  readonly #pages = new Map<string, Promise<string>>();
  readonly #scripts = new Map<string, Promise<string>>();
  readonly #written = new Map<string, Promise<string>>();

  /** Files go to `dir`; `ca` is the authority the test server's https certificate is signed by. */
  constructor(dir: string, ca: string) {
    this.#dir = dir;
    this.#ca = ca;
  }

  /** The file of `url`'s HostPage (JSON), prepared on first use. */
  page(url: string): Promise<string> {
    let file = this.#pages.get(url);
    if (file === undefined) {
      file = this.#prepare(new URL(url));
      this.#pages.set(url, file);
    }
    return file;
  }

  async #prepare(url: URL): Promise<string> {
    const response = await getText(url, this.#ca);
    if (response.status !== 200) throw new Error(`${url.href}: ${response.status}`);
    const { title, scripts } = pageScripts(response.text, url);
    const page: HostPage = {
      url: url.href,
      title,
      scripts: await Promise.all(
        scripts.map(async (script, index) =>
          'src' in script
            ? { name: script.src.href, file: await this.#script(script.src) }
            : { name: `${url.href}#inline-${index}`, file: await this.#write(script.inline) },
        ),
      ),
    };
    return this.#write(JSON.stringify(page));
  }

  /** A script's file; a script the server refuses becomes one that throws, as a failed `<script src>` fires an error the harness reports. */
  #script(src: URL): Promise<string> {
    let file = this.#scripts.get(src.href);
    if (file === undefined) {
      file = getText(src, this.#ca).then(({ status, text }) =>
        this.#write(status === 200 ? text : `throw new Error(${JSON.stringify(`${src.pathname}: ${status}`)});`),
      );
      this.#scripts.set(src.href, file);
    }
    return file;
  }

  /**
   * Writes `text` to a file named by its hash, once: pages share scripts
   * (the ?default and ?wss variants, the inline tests of the helpers), and a
   * second write would truncate the file under a host reading it.
   */
  #write(text: string): Promise<string> {
    const file = join(this.#dir, `${createHash('sha256').update(text).digest('hex').slice(0, 24)}.txt`);
    let written = this.#written.get(file);
    if (written === undefined) {
      written = writeFile(file, text).then(() => file);
      this.#written.set(file, written);
    }
    return written;
  }
}
