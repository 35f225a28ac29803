/**
 * The ready states of a WebSocket object, named as the IDL constants name
 * them: the class compares and assigns these, never bare numbers.
 */
// @spec whatwg#websocket-ready-state "It can have the following values:"
export const ReadyState = {
  CONNECTING: 0,
  OPEN: 1,
  CLOSING: 2,
  CLOSED: 3,
} as const;
export type ReadyState = (typeof ReadyState)[keyof typeof ReadyState];
