/**
 * The filter island of the site's long tables (/evidence/, /wpt/, /matrix/):
 * a form whose controls hide the rows that do not match, and keep the view
 * in the URL query so that a filtered view can be shared as a link. Without
 * JavaScript the form stays hidden and every row is shown.
 *
 * What a control matches is data (`FilterRule`), written by FilterForm.astro
 * into the form's `data-rules`; this module is the one script that reads it.
 */

/** How one control's value selects rows, by one `data-*` attribute of the row (named as in `dataset`). */
export type FilterRule =
  /** The row's attribute is the value. */
  | { attribute: string; match: 'equals' }
  /** The value is one of the items of the row's attribute (separated by `separator`, a space unless said). */
  | { attribute: string; match: 'includes'; separator?: string }
  /** The row's attribute contains the value, whatever its case (the attribute is written in lower case). */
  | { attribute: string; match: 'contains' }
  /** A checkbox: the row's attribute lists at least one item (space-separated). */
  | { attribute: string; match: 'nonEmpty' };

/** The rules of a form, by control name, in the order the URL query lists them. */
export type FilterRules = Record<string, FilterRule>;

/** Whether a row with these `data-*` attributes passes every filter that is set (an empty value filters nothing). */
export function rowMatches(data: Readonly<Record<string, string | undefined>>, values: Readonly<Record<string, string>>, rules: FilterRules): boolean {
  return Object.entries(rules).every(([name, rule]) => {
    const value = values[name] ?? '';
    if (!value) return true;
    const attribute = data[rule.attribute] ?? '';
    switch (rule.match) {
      case 'equals':
        return attribute === value;
      case 'includes':
        return attribute.split(rule.separator ?? ' ').includes(value);
      case 'contains':
        return attribute.includes(value.toLowerCase());
      case 'nonEmpty':
        return attribute.split(' ').some(Boolean);
    }
  });
}

/** The query of a view: only the filters that are set, in the rules' order (`?a=1&b=2`, or '' for none). */
export function queryOf(values: Readonly<Record<string, string>>, names: readonly string[]): string {
  const params = new URLSearchParams();
  for (const name of names) if (values[name]) params.set(name, values[name]);
  const query = params.toString();
  return query ? `?${query}` : '';
}

type Control = HTMLSelectElement | HTMLInputElement;

const isCheckbox = (element: Element | null): element is HTMLInputElement => element instanceof HTMLInputElement && element.type === 'checkbox';

/** Brings one form (`form[data-rules]`) to life: reads the URL, filters, and writes the URL back on every change. */
export function mountFilterIsland(form: HTMLFormElement): void {
  const rules = JSON.parse(form.dataset['rules'] ?? '{}') as FilterRules;
  /** `{ child: parent }`: the child select offers only the options whose `data-<parent>` is the parent's value. */
  const dependent = JSON.parse(form.dataset['dependent'] ?? '{}') as Record<string, string>;
  const names = Object.keys(rules);
  const rows = [...document.querySelectorAll<HTMLTableRowElement>(form.dataset['rows'] ?? '')];
  const groups = [...document.querySelectorAll<HTMLElement>(form.dataset['groups'] ?? '')];
  const noun = form.dataset['noun'] ?? 'rows';
  const count = form.querySelector('output');
  const link = form.querySelector<HTMLAnchorElement>('a[data-view-link]');
  if (count === null || link === null) return;
  form.hidden = false;

  const control = (name: string) => form.elements.namedItem(name) as Control | null;
  const valueOf = (name: string): string => {
    const element = control(name);
    if (isCheckbox(element)) return element.checked ? '1' : '';
    return element?.value.trim() ?? '';
  };
  const values = (): Record<string, string> => Object.fromEntries(names.map((name) => [name, valueOf(name)]));

  const apply = (): void => {
    const current = values();
    for (const [child, parent] of Object.entries(dependent)) {
      const select = control(child);
      if (!(select instanceof HTMLSelectElement)) continue;
      for (const option of select.options) option.hidden = Boolean(current[parent] && option.value && option.dataset[parent] !== current[parent]);
    }
    let shown = 0;
    for (const row of rows) {
      row.hidden = !rowMatches(row.dataset, current, rules);
      if (!row.hidden) shown++;
    }
    // A row group with nothing left in it goes too, heading and all.
    for (const group of groups) group.hidden = !rows.some((row) => !row.hidden && group.contains(row));
    count.textContent = `Showing ${shown} of ${rows.length} ${noun}`;
    const query = queryOf(current, names);
    link.href = `${location.pathname}${query}`;
    history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
  };

  form.addEventListener('change', (event) => {
    const name = (event.target as Element).getAttribute('name');
    for (const [child, parent] of Object.entries(dependent)) {
      const select = control(child);
      if (name === parent && select !== null) select.value = '';
    }
    apply();
  });
  // Text fields filter as they are typed in; selects and checkboxes on `change`.
  form.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement && !isCheckbox(event.target)) apply();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  // `reset` fires before the form's controls are reset.
  form.addEventListener('reset', () => setTimeout(apply));

  const params = new URLSearchParams(location.search);
  for (const name of names) {
    const value = params.get(name);
    const element = control(name);
    if (value === null || element === null) continue;
    if (isCheckbox(element)) element.checked = value === '1';
    // Only a value the select offers: an unknown one would silently show nothing.
    else if (element instanceof HTMLSelectElement && ![...element.options].some((option) => option.value === value)) continue;
    else element.value = value;
  }
  apply();
}
