import type { Logic, Operator, Rule, RuleSet } from '../api/types';

/**
 * What the rule builder's value input means. The original console turned numeric text into numbers and
 * `true`/`false` into booleans, because the rule engine compares types strictly (`"0.5"` is not `0.5`); `in` and
 * `not_in` need a list (a JSON array, or comma-separated items each read the same way); `exists` a boolean; `regex`,
 * `contains` and `not_contains` compare text, so their value stays the text typed.
 */
export function parseRuleValue(text: string, operator: Operator): unknown {
  if (operator === 'exists') return text.trim().toLowerCase() !== 'false';
  if (operator === 'regex' || operator === 'contains' || operator === 'not_contains') return text;
  if (operator === 'in' || operator === 'not_in') return parseList(text);
  return parseScalar(text);
}

/** Numbers and booleans from their text; quoted text (`"42"`) stays a string without the quotes. */
export function parseScalar(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed === 'null') return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
  // Objects and lists compare as JSON values (eq against a list, for example).
  if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return trimmed.slice(1, -1);
    }
  }
  return text;
}

function parseList(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON: read it as comma-separated items below.
    }
  }
  if (trimmed === '') return [];
  return trimmed.split(',').map((item) => parseScalar(item.trim()));
}

/** The text the value input shows for a stored value; parsing it again gives the same value. */
export function formatRuleValue(value: unknown, operator: Operator): string {
  if (operator === 'exists') return value === false || value === 'false' ? 'false' : 'true';
  if (Array.isArray(value)) {
    const simple = value.every((item) => typeof item === 'number' || typeof item === 'boolean' || isPlainText(item));
    return simple ? value.map(String).join(', ') : JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (operator === 'regex' || operator === 'contains' || operator === 'not_contains') return value;
    // A string that would read back as a number or boolean keeps its quotes.
    return parseScalar(value) === value ? value : JSON.stringify(value);
  }
  if (value === undefined) return '';
  return JSON.stringify(value);
}

function isPlainText(item: unknown): boolean {
  return typeof item === 'string' && !item.includes(',') && parseScalar(item) === item && item.trim() === item;
}

/** A row of the builder: the value kept as typed, so editing never loses characters to parsing. */
export interface RuleRow {
  field: string;
  operator: Operator;
  valueText: string;
}

export interface RuleDraft {
  logic: Logic;
  rows: RuleRow[];
}

export function draftOf(ruleSet: RuleSet | null | undefined): RuleDraft {
  if (!ruleSet || !Array.isArray(ruleSet.rules)) return { logic: 'AND', rows: [] };
  return {
    logic: String(ruleSet.logic ?? 'AND').toUpperCase() === 'OR' ? 'OR' : 'AND',
    rows: ruleSet.rules.map((rule) => {
      const operator = (String(rule.operator ?? 'eq').toLowerCase() as Operator) || 'eq';
      return { field: String(rule.field ?? ''), operator, valueText: formatRuleValue(rule.value, operator) };
    }),
  };
}

/** The rule set to send: null when there are no rules (a missing rule set matches everything). */
export function ruleSetOf(draft: RuleDraft): RuleSet | null {
  if (draft.rows.length === 0) return null;
  const rules: Rule[] = draft.rows.map((row) => ({
    field: row.field,
    operator: row.operator,
    value: parseRuleValue(row.valueText, row.operator),
  }));
  return { rules, logic: draft.logic };
}

/** The fields offered in the builder's select; anything else is a custom path typed by hand. */
export const PRESET_FIELDS = [
  { value: 'model', label: 'Model Name (model)' },
  { value: 'headers.x-priority', label: 'Header: Priority (headers.x-priority)' },
  { value: 'body.temperature', label: 'Temperature (body.temperature)' },
  { value: 'body.stream', label: 'Stream (body.stream)' },
  { value: 'token_usage.input_tokens', label: 'Input Tokens (token_usage.input_tokens)' },
] as const;

export const CUSTOM_FIELD = '__custom__';

export function isPresetField(field: string): boolean {
  return PRESET_FIELDS.some((preset) => preset.value === field);
}
