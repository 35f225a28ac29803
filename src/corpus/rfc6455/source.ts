/** What the site says about RFC 6455 as a source (model.ts `SourceInfo`). */
import type { SourceInfo } from '../model.ts';
import { manifest } from '../sources/manifest.ts';

export const RFC6455_SOURCE: SourceInfo = {
  id: 'rfc6455',
  title: 'RFC 6455: The WebSocket Protocol',
  shortName: 'RFC 6455',
  url: 'https://www.rfc-editor.org/rfc/rfc6455',
  // rfc-editor's HTML rendering of the RFC has `#section-5.2` anchors.
  sectionUrl: 'https://www.rfc-editor.org/rfc/rfc6455.html#{anchor}',
  licence: manifest.licences['ietf-trust'],
  date: '2011-12',
};
