/**
 * Where the WebSockets Standard's links to other specifications go.
 *
 * Bikeshed resolves `[=queue a task=]` or `{{DOMException}}` against its
 * cross-spec database; we have no database, so this table lists the terms
 * the standard (2021–2025) actually uses, with the canonical URL of their
 * definition. A term not listed here is shown as plain text. RFC 6455
 * concepts are not here: ../html/rfc6455-terms.ts sends them to the RFC
 * reader.
 *
 * Keys: `for/text` or `text`, lower case; IDL names keep their case.
 */

const URL_STD = 'https://url.spec.whatwg.org/';
const FETCH = 'https://fetch.spec.whatwg.org/';
const HTML = 'https://html.spec.whatwg.org/multipage/';
const INFRA = 'https://infra.spec.whatwg.org/';
const ENCODING = 'https://encoding.spec.whatwg.org/';
const WEBIDL = 'https://webidl.spec.whatwg.org/';
const DOM = 'https://dom.spec.whatwg.org/';
const FILEAPI = 'https://w3c.github.io/FileAPI/';

/** Concepts (`[=…=]`, `<a>`), keyed by `for/text` or `text`. */
export const CONCEPT_URLS: Readonly<Record<string, string>> = {
  // URL Standard
  'url/host': `${URL_STD}#concept-url-host`,
  'url/port': `${URL_STD}#concept-url-port`,
  'url/path': `${URL_STD}#concept-url-path`,
  'url/query': `${URL_STD}#concept-url-query`,
  'url/scheme': `${URL_STD}#concept-url-scheme`,
  'url/fragment': `${URL_STD}#concept-url-fragment`,
  'url/origin': `${URL_STD}#concept-url-origin`,
  scheme: `${URL_STD}#concept-url-scheme`,
  fragment: `${URL_STD}#concept-url-fragment`,
  origin: `${URL_STD}#concept-url-origin`,
  url: `${URL_STD}#concept-url`,
  'url record': `${URL_STD}#concept-url`,
  'url parser': `${URL_STD}#concept-url-parser`,
  'url serializer': `${URL_STD}#concept-url-serializer`,
  // Fetch Standard
  fetch: `${FETCH}#concept-fetch`,
  request: `${FETCH}#concept-request`,
  'request/url': `${FETCH}#concept-request-url`,
  'request/client': `${FETCH}#concept-request-client`,
  'request/referrer': `${FETCH}#concept-request-referrer`,
  'request/mode': `${FETCH}#concept-request-mode`,
  'request/credentials mode': `${FETCH}#concept-request-credentials-mode`,
  'request/cache mode': `${FETCH}#concept-request-cache-mode`,
  'request/redirect mode': `${FETCH}#concept-request-redirect-mode`,
  'request/header list': `${FETCH}#concept-request-header-list`,
  'service-workers mode': `${FETCH}#request-service-workers-mode`,
  'synchronous flag': `${FETCH}#synchronous-flag`,
  'header list/append': `${FETCH}#concept-header-list-append`,
  'header list/combine': `${FETCH}#concept-header-list-combine`,
  header: `${FETCH}#concept-header`,
  'header/value': `${FETCH}#concept-header-value`,
  'header value': `${FETCH}#header-value`,
  'network error': `${FETCH}#concept-network-error`,
  'response/status': `${FETCH}#concept-response-status`,
  'extracting header list values': `${FETCH}#extract-header-list-values`,
  connection: `${FETCH}#concept-connection`,
  'fetch/useparallelqueue': `${FETCH}#fetch-useparallelqueue`,
  'fetch/processresponse': `${FETCH}#process-response`,
  // Infra, Encoding
  'forgiving-base64 encode': `${INFRA}#forgiving-base64-encode`,
  'isomorphic encoded': `${INFRA}#isomorphic-encode`,
  'isomorphic encode': `${INFRA}#isomorphic-encode`,
  'utf-8 encode': `${ENCODING}#utf-8-encode`,
  'utf-8 decode without bom': `${ENCODING}#utf-8-decode-without-bom`,
  encoding: `${ENCODING}#encoding`,
  // HTML Standard
  'relevant settings object': `${HTML}webappapis.html#relevant-settings-object`,
  'api base url': `${HTML}webappapis.html#api-base-url`,
  'entry settings object': `${HTML}webappapis.html#entry-settings-object`,
  'queue a task': `${HTML}webappapis.html#queue-a-task`,
  'event loop': `${HTML}webappapis.html#event-loop`,
  'event loop/step 1': `${HTML}webappapis.html#step1`,
  task: `${HTML}webappapis.html#concept-task`,
  'task source': `${HTML}webappapis.html#task-source`,
  'task queue': `${HTML}webappapis.html#task-queue`,
  'relevant realm': `${HTML}webappapis.html#concept-relevant-realm`,
  'in parallel': `${HTML}infrastructure.html#in-parallel`,
  'event handler': `${HTML}webappapis.html#event-handlers`,
  'event handler event type': `${HTML}webappapis.html#event-handler-event-type`,
  'event handler idl attribute': `${HTML}webappapis.html#event-handler-idl-attributes`,
  // Web IDL, DOM
  this: `${WEBIDL}#this`,
  'the given value': `${WEBIDL}#the-given-value`,
  'fire an event': `${DOM}#concept-event-fire`,
};

/** IDL names (`{{…}}`), keyed by `For/name` or `name`. */
export const IDL_URLS: Readonly<Record<string, string>> = {
  DOMException: `${WEBIDL}#idl-DOMException`,
  SyntaxError: `${WEBIDL}#syntaxerror`,
  InvalidStateError: `${WEBIDL}#invalidstateerror`,
  InvalidAccessError: `${WEBIDL}#invalidaccesserror`,
  DOMString: `${WEBIDL}#idl-DOMString`,
  USVString: `${WEBIDL}#idl-USVString`,
  ArrayBuffer: `${WEBIDL}#idl-ArrayBuffer`,
  ArrayBufferView: `${WEBIDL}#ArrayBufferView`,
  BufferSource: `${WEBIDL}#BufferSource`,
  Blob: `${FILEAPI}#dfn-Blob`,
  MessageEvent: `${HTML}comms.html#messageevent`,
  'MessageEvent/origin': `${HTML}comms.html#dom-messageevent-origin`,
  'MessageEvent/data': `${HTML}comms.html#dom-messageevent-data`,
  Document: `${DOM}#document`,
  EventTarget: `${DOM}#eventtarget`,
  Event: `${DOM}#event`,
  EventInit: `${DOM}#dictdef-eventinit`,
  EventHandler: `${HTML}webappapis.html#eventhandler`,
};

/** Bibliography entries (`[[!FETCH]]`): where the reference points. */
export const BIBLIO_URLS: Readonly<Record<string, string>> = {
  FETCH,
  HTML,
  URL: URL_STD,
  INFRA,
  ENCODING,
  WEBIDL,
  DOM,
  FILEAPI,
  HSTS: 'https://www.rfc-editor.org/rfc/rfc6797',
  RFC6797: 'https://www.rfc-editor.org/rfc/rfc6797',
  UNICODE: 'https://www.unicode.org/versions/latest/',
};

/** Bibliography keys that name RFC 6455 itself (linked to the RFC reader). */
export const RFC6455_BIBLIO_KEYS: ReadonlySet<string> = new Set(['WSP', 'RFC6455']);
