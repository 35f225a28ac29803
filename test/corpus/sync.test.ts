/**
 * The sync step: sources come from a mirror or a download, are checked
 * against the manifest's hashes, and a missing or altered one stops with a
 * message naming the file and both ways to provide it.
 */
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifest, type SourceEntry } from '../../src/corpus/sources/manifest.ts';
import { normalizeSource, sha256Hex } from '../../src/corpus/sources/normalize.ts';
import { CACHE_DIR } from '../../src/corpus/sources/paths.ts';
import { syncSources, SourceError } from '../../src/corpus/sources/sync.ts';

const RFC_LIKE = 'RFC 6455-like text\n\n   A paragraph.\n\nFette & Melnikov             Standards Track                    [Page 1]\n\f\nRFC 6455                 The WebSocket Protocol            December 2011\n\n   More.\n';

async function entryFor(path: string, text: string, normalize: SourceEntry['normalize'] = 'text'): Promise<SourceEntry> {
  return {
    key: path,
    group: 'w3c-tr',
    path,
    title: path,
    url: `https://example.org/${path}`,
    download: `https://example.org/${path}`,
    licence: 'w3c-document',
    normalize,
    sha256: await sha256Hex(normalizeSource(text, normalize)),
  };
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wsspec-sync-'));
  await mkdir(join(root, 'mirror', 'docs'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('normalizing a source before hashing', () => {
  it('ignores leading blank lines, the final newline, CRLF and trailing spaces', () => {
    const a = normalizeSource('\n\nline one  \r\nline two', 'text');
    const b = normalizeSource('line one\nline two\n\n', 'text');
    expect(a).toBe(b);
  });

  it('drops the RFC page furniture and form feeds', () => {
    const normalized = normalizeSource(RFC_LIKE, 'rfc-text');
    expect(normalized).not.toMatch(/Fette & Melnikov|\[Page 1\]|December 2011|\f/);
    expect(normalized).toContain('A paragraph.');
  });
});

describe('syncing the spec sources', () => {
  it('copies verified files from the mirror, then serves them from the cache', async () => {
    const text = '<p>hello</p>\n';
    await writeFile(join(root, 'mirror', 'docs', 'a.html'), text);
    const entries = [await entryFor('docs/a.html', text)];
    const options = { mirror: join(root, 'mirror'), cache: join(root, 'cache'), online: false };
    expect(await syncSources(options, entries)).toEqual({ fromCache: 0, fromMirror: 1, downloaded: 0 });
    expect(await readFile(join(root, 'cache', 'docs', 'a.html'), 'utf8')).toBe(text);
    expect(await syncSources(options, entries)).toEqual({ fromCache: 1, fromMirror: 0, downloaded: 0 });
  });

  it('accepts a copy that differs only in leading blank lines and the final newline', async () => {
    await writeFile(join(root, 'mirror', 'docs', 'rfc.txt'), `\n\n${RFC_LIKE.trimEnd()}`);
    const entries = [await entryFor('docs/rfc.txt', RFC_LIKE, 'rfc-text')];
    const report = await syncSources({ mirror: join(root, 'mirror'), cache: join(root, 'cache'), online: false }, entries);
    expect(report.fromMirror).toBe(1);
  });

  it('stops on an altered file, naming it and both ways to provide it', async () => {
    await writeFile(join(root, 'mirror', 'docs', 'a.html'), '<p>tampered</p>\n');
    const entries = [await entryFor('docs/a.html', '<p>hello</p>\n')];
    const sync = syncSources({ mirror: join(root, 'mirror'), cache: join(root, 'cache'), online: false }, entries);
    await expect(sync).rejects.toThrow(SourceError);
    await expect(sync).rejects.toThrow(/docs\/a\.html.*does not match its SHA-256/s);
    await expect(sync).rejects.toThrow(/WSSPEC_SPECS_DIR/);
    await expect(sync).rejects.toThrow(/npm run sync` online to download it from https:\/\/example\.org\/docs\/a\.html/);
  });

  it('stops on a missing file when offline, naming it and both ways to provide it', async () => {
    const entries = [await entryFor('docs/missing.html', 'x\n')];
    const sync = syncSources({ mirror: join(root, 'mirror'), cache: join(root, 'cache'), online: false }, entries);
    await expect(sync).rejects.toThrow(/docs\/missing\.html .*not in the mirror.*offline/s);
    await expect(sync).rejects.toThrow(/\(a\) point WSSPEC_SPECS_DIR.*\(b\) run `npm run sync` online/s);
  });

  describe('downloading from the canonical URL when the mirror lacks a file', () => {
    let server: Server;
    let served: string;
    beforeEach(async () => {
      served = '<p>from the network</p>\n';
      server = createServer((request, response) => {
        if (request.url === '/docs/b.html') response.end(served);
        else response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    const viaLoopback = (): typeof fetch => {
      const { port } = server.address() as AddressInfo;
      return (input, init) => fetch(String(input).replace('https://example.org', `http://127.0.0.1:${port}`), init);
    };

    it('downloads and verifies the text', async () => {
      const entries = [await entryFor('docs/b.html', served)];
      const report = await syncSources(
        { mirror: join(root, 'mirror'), cache: join(root, 'cache'), online: true, fetch: viaLoopback() },
        entries,
      );
      expect(report.downloaded).toBe(1);
      expect(await readFile(join(root, 'cache', 'docs', 'b.html'), 'utf8')).toBe(served);
    });

    it('refuses a downloaded text whose hash differs', async () => {
      const entries = [await entryFor('docs/b.html', '<p>expected</p>\n')];
      const sync = syncSources(
        { mirror: null, cache: join(root, 'cache'), online: true, fetch: viaLoopback() },
        entries,
      );
      await expect(sync).rejects.toThrow(/downloaded from https:\/\/example\.org\/docs\/b\.html does not match/);
    });
  });
});

describe('the committed manifest', () => {
  it('lists RFC 6455, the 315 W3C editor\'s drafts, the six /TR publications and the WHATWG sources', () => {
    const count = (group: SourceEntry['group']) => manifest.sources.filter((entry) => entry.group === group).length;
    expect(count('rfc6455')).toBe(1);
    expect(count('w3c-editors-draft')).toBe(315);
    expect(count('w3c-tr')).toBe(6);
    expect(count('whatwg-latest')).toBe(1);
    expect(count('whatwg-history')).toBeGreaterThanOrEqual(21);
    expect(count('whatwg-review-draft')).toBe(3);
    for (const entry of manifest.sources) {
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(manifest.licences[entry.licence].notice.length).toBeGreaterThan(20);
      expect(entry.url).toMatch(/^https:\/\//);
    }
  });

  it('matches every source in the synced cache', async () => {
    const report = await syncSources({ mirror: null, cache: CACHE_DIR, online: false });
    expect(report.fromCache).toBe(manifest.sources.length);
  });
});
