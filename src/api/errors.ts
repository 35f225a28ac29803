/**
 * The exceptions the WebSocket API throws, as the standard names them: a
 * `DOMException` with a name, never a custom class. The global
 * `DOMException` is the platform's in a browser and Node's own in Node, so
 * `error instanceof DOMException` and `error.name` behave as with the
 * browser's WebSocket.
 */

/** The DOMException names the WebSocket API uses. */
export type WebSocketExceptionName = 'SyntaxError' | 'InvalidStateError' | 'InvalidAccessError';

export function domException(name: WebSocketExceptionName, message: string): DOMException {
  return new DOMException(message, name);
}

/** A URL that cannot be parsed, a scheme other than ws/wss (after mapping http/https), a fragment, a bad protocol list, a close reason over 123 bytes. */
export const syntaxError = (message: string): DOMException => domException('SyntaxError', message);

/** `send()` while CONNECTING. */
export const invalidStateError = (message: string): DOMException => domException('InvalidStateError', message);

/** `close()` with a code other than 1000 or 3000–4999. */
export const invalidAccessError = (message: string): DOMException => domException('InvalidAccessError', message);
