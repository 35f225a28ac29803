/**
 * The few Web IDL conversions the WebSocket interface needs, written out
 * (https://webidl.spec.whatwg.org/#es-type-mapping): what a browser does to
 * an argument before the method's own steps run.
 */

/**
 * `USVString`: ToString, then every lone surrogate replaced by U+FFFD.
 * Throws a TypeError for a Symbol, as ToString does.
 */
export function toUSVString(value: unknown): string {
  return String(value as string).toWellFormed();
}

/**
 * `[Clamp] unsigned short`: ToNumber; NaN becomes 0; clamped to 0–65535;
 * then rounded to the nearest integer, ties to the even one (so 3000.5 is
 * 3000 and 3001.5 is 3002). Throws a TypeError for a Symbol or a BigInt, as
 * ToNumber does.
 */
export function toClampedUnsignedShort(value: unknown): number {
  const x = Number(value as number);
  if (Number.isNaN(x)) return 0;
  const clamped = Math.min(Math.max(x, 0), 65535);
  const floor = Math.floor(clamped);
  const fraction = clamped - floor;
  let rounded: number;
  if (fraction > 0.5) rounded = floor + 1;
  else if (fraction < 0.5) rounded = floor;
  else rounded = floor % 2 === 0 ? floor : floor + 1;
  // +0 rather than −0.
  return rounded === 0 ? 0 : rounded;
}

/** `(DOMString or sequence<DOMString>)`: an iterable object is a sequence, anything else a string. */
export function toStringOrSequence(value: unknown): string | string[] {
  if (value !== null && typeof value === 'object' && Symbol.iterator in value) {
    return Array.from(value as Iterable<unknown>, (item) => String(item as string));
  }
  return String(value as string);
}
