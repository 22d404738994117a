/**
 * The capabilities textarea: blank is null, JSON is sent parsed, and anything else is sent as the text it is, so the
 * server's own validation names the problem next to the field (and nothing is saved).
 */
export function capabilitiesValue(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The local parse problem, shown while typing; null when the text is blank or JSON. */
export function capabilitiesProblem(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function capabilitiesText(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** A price input's value as the API wants it: a number, or null for "no price". */
export function priceValue(value: string | number): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}
