/**
 * A clause's words as a quotation takes them. The reader adds words of its
 * own inside the standard's text (the hidden description of a generic link,
 * ./generic-links.ts); a citation quotes the standard exactly, so they are
 * left out. Runs in the browser (the Cite button): no Node imports.
 */

/** The attribute that marks words the reader added (not the standard's). */
export const LINK_DESCRIPTION_ATTRIBUTE = 'data-link-description';

/** The text of an element without the reader's added descriptions. */
export function quotedText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const added of copy.querySelectorAll(`[${LINK_DESCRIPTION_ATTRIBUTE}]`)) added.remove();
  return copy.textContent ?? '';
}
