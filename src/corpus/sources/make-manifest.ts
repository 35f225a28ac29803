/**
 * Maintainer tool: (re)writes manifest.json from a mirror directory laid out
 * like ../shared/specs (its index.json files give dates, logs and commits).
 * Run only when a source is added or deliberately updated:
 *
 *   node src/corpus/sources/make-manifest.ts --mirror ../shared/specs
 *
 * Everything else reads the committed manifest and trusts its hashes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { normalizeSource, sha256Hex } from './normalize.ts';
import type { Licence, LicenceId, Manifest, SourceEntry } from './manifest.ts';

interface W3cIndex {
  revisions: Array<{
    revision: string;
    file: string;
    date: string;
    whatwg_svn_revision: number;
    log: string;
    commit: string;
    url: string;
    cvsweb: string;
  }>;
  publications: Array<{ file: string; date: string; status: string; url: string }>;
}

interface WhatwgIndex {
  latest: string;
  history: Array<{ file: string; date: string; commit: string; log: string; url: string }>;
  review_drafts: string[];
}

const LICENCES: Record<LicenceId, Licence> = {
  'ietf-trust': {
    name: 'IETF Trust Legal Provisions (BCP 78)',
    url: 'https://trustee.ietf.org/license-info',
    notice:
      'Copyright (c) 2011 IETF Trust and the persons identified as the document authors. All rights reserved. ' +
      'This document is subject to BCP 78 and the IETF Trust\'s Legal Provisions Relating to IETF Documents ' +
      '(https://trustee.ietf.org/license-info) in effect on the date of publication of this document.',
  },
  'w3c-document': {
    name: 'W3C Document License',
    url: 'https://www.w3.org/copyright/document-license/',
    notice:
      'Copyright © 2012 W3C® (MIT, ERCIM, Keio), All Rights Reserved. W3C liability, trademark and ' +
      'document use rules apply. The bulk of the text of this specification is also available in the ' +
      'WHATWG Web Applications 1.0 specification, under a license that permits reuse of the specification text.',
  },
  'cc-by-4.0': {
    name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    notice:
      'Copyright © WHATWG (Apple, Google, Mozilla, Microsoft). This work is licensed under a ' +
      'Creative Commons Attribution 4.0 International License.',
  },
};

const WHATWG_RAW = 'https://raw.githubusercontent.com/whatwg/websockets';

async function entry(
  mirror: string,
  fields: Omit<SourceEntry, 'sha256'>,
): Promise<SourceEntry> {
  const raw = await readFile(join(mirror, fields.path), 'utf8');
  return { ...fields, sha256: await sha256Hex(normalizeSource(raw, fields.normalize)) };
}

export async function makeManifest(mirror: string): Promise<Manifest> {
  const w3c = JSON.parse(await readFile(join(mirror, 'w3c-websocket-api/index.json'), 'utf8')) as W3cIndex;
  const whatwg = JSON.parse(await readFile(join(mirror, 'whatwg-websockets/index.json'), 'utf8')) as WhatwgIndex;
  const sources: SourceEntry[] = [];

  sources.push(
    await entry(mirror, {
      key: 'rfc6455',
      group: 'rfc6455',
      path: 'rfc6455.txt',
      title: 'RFC 6455: The WebSocket Protocol',
      url: 'https://www.rfc-editor.org/rfc/rfc6455',
      download: 'https://www.rfc-editor.org/rfc/rfc6455.txt',
      licence: 'ietf-trust',
      normalize: 'rfc-text',
      date: '2011-12',
    }),
  );

  for (const rev of w3c.revisions) {
    sources.push(
      await entry(mirror, {
        key: `w3c-ed-r${rev.revision}`,
        group: 'w3c-editors-draft',
        path: `w3c-websocket-api/${rev.file}`,
        title: `The WebSocket API, editor's draft, revision ${rev.revision}`,
        url: rev.url,
        download: `https://raw.githubusercontent.com/w3c/websockets/${rev.commit}/Overview.html`,
        licence: 'w3c-document',
        normalize: 'text',
        date: rev.date,
        revision: rev.revision,
        log: rev.log,
        commit: rev.commit,
        cvsweb: rev.cvsweb,
        whatwgSvnRevision: rev.whatwg_svn_revision,
      }),
    );
  }

  for (const pub of w3c.publications) {
    sources.push(
      await entry(mirror, {
        key: `w3c-tr-${pub.date}`,
        group: 'w3c-tr',
        path: `w3c-websocket-api/${pub.file}`,
        title: `The WebSocket API, W3C ${pub.status} ${pub.date}`,
        url: pub.url,
        download: pub.url,
        licence: 'w3c-document',
        normalize: 'text',
        date: pub.date,
        status: pub.status,
      }),
    );
  }

  const latest = whatwg.history.at(-1);
  if (!latest) throw new Error('whatwg-websockets/index.json lists no history');
  sources.push(
    await entry(mirror, {
      key: 'whatwg',
      group: 'whatwg-latest',
      path: `whatwg-websockets/${whatwg.latest}`,
      title: 'WebSockets Standard (WHATWG Living Standard), Bikeshed source',
      url: 'https://websockets.spec.whatwg.org/',
      download: `${WHATWG_RAW}/${latest.commit}/index.bs`,
      licence: 'cc-by-4.0',
      normalize: 'text',
      date: latest.date,
      commit: latest.commit,
      log: latest.log,
    }),
  );
  for (const version of whatwg.history) {
    const short = version.commit.slice(0, 7);
    sources.push(
      await entry(mirror, {
        key: `whatwg-${version.date}-${short}`,
        group: 'whatwg-history',
        path: `whatwg-websockets/${version.file}`,
        title: `WebSockets Standard at ${short} (${version.date})`,
        url: version.url,
        download: `${WHATWG_RAW}/${version.commit}/index.bs`,
        licence: 'cc-by-4.0',
        normalize: 'text',
        date: version.date,
        commit: version.commit,
        log: version.log,
      }),
    );
  }
  for (const file of whatwg.review_drafts) {
    const name = file.replace(/^review-drafts\//, '').replace(/\.bs$/, '');
    sources.push(
      await entry(mirror, {
        key: `whatwg-rd-${name}`,
        group: 'whatwg-review-draft',
        path: `whatwg-websockets/${file}`,
        title: `WebSockets Standard, Review Draft ${name}`,
        url: `https://websockets.spec.whatwg.org/review-drafts/${name}/`,
        download: `${WHATWG_RAW}/main/${file}`,
        licence: 'cc-by-4.0',
        normalize: 'text',
        date: name,
      }),
    );
  }
  sources.push(
    await entry(mirror, {
      key: 'whatwg-licence',
      group: 'whatwg-licence',
      path: 'whatwg-websockets/LICENSE',
      title: 'WHATWG WebSockets Standard licence',
      url: 'https://github.com/whatwg/websockets/blob/main/LICENSE',
      download: `${WHATWG_RAW}/main/LICENSE`,
      licence: 'cc-by-4.0',
      normalize: 'text',
    }),
  );

  return {
    description:
      'Spec sources of wsspec: canonical URL, licence and SHA-256 of the normalized text of each. ' +
      'The texts are fetched by `npm run sync` into .cache/specs, never committed. ' +
      'Written by src/corpus/sources/make-manifest.ts.',
    licences: LICENCES,
    sources,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { mirror: { type: 'string' } } });
  if (!values.mirror) {
    console.error('usage: node src/corpus/sources/make-manifest.ts --mirror <dir>');
    process.exit(2);
  }
  const manifest = await makeManifest(values.mirror);
  const out = fileURLToPath(new URL('./manifest.json', import.meta.url));
  await writeFile(out, JSON.stringify(manifest, null, 1) + '\n');
  console.log(`wrote ${out}: ${manifest.sources.length} sources`);
}
