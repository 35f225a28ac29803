/** One page of each type the site has, for the site-wide checks (mobile, accessibility). */
export const PAGE_TYPES = [
  { type: 'home', path: '/' },
  { type: 'spec overview', path: '/rfc6455/' },
  { type: 'RFC reader', path: '/rfc6455/4/' },
  { type: 'RFC reader', path: '/rfc6455/5/' },
  { type: 'WHATWG reader', path: '/whatwg/3/' },
  { type: 'W3C reader', path: '/w3c/4/' },
  { type: 'source page', path: '/source/src/protocol/frames.ts/' },
  { type: 'guide', path: '/guides/handshake-failures/' },
  { type: 'guide', path: '/guides/citing/' },
  { type: 'Japanese guide', path: '/ja/guides/handshake-failures/' },
  { type: 'matrix', path: '/matrix/' },
  { type: 'evidence', path: '/evidence/' },
  { type: 'timeline', path: '/timeline/' },
  { type: 'examples', path: '/examples/' },
  { type: 'example', path: '/examples/handshake-rejection/' },
  { type: 'live comparison', path: '/live/compare/' },
] as const;
