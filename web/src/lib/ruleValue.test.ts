import { describe, expect, it } from 'vitest';
import type { Operator } from '../api/types';
import { draftOf, formatRuleValue, parseRuleValue, ruleSetOf } from './ruleValue';

describe('parseRuleValue', () => {
  it.each<[string, Operator, unknown]>([
    ['gpt-4', 'eq', 'gpt-4'],
    ['0.5', 'eq', 0.5],
    ['42', 'gte', 42],
    ['-3', 'lt', -3],
    ['1e3', 'lte', 1000],
    ['true', 'eq', true],
    ['false', 'ne', false],
    ['null', 'eq', null],
    ['"42"', 'eq', '42'],
    ['"true"', 'eq', 'true'],
    ['007', 'eq', '007'],
    ['  12 ', 'eq', 12],
    ['42', 'contains', '42'],
    ['^gpt-4', 'regex', '^gpt-4'],
    [' a b ', 'not_contains', ' a b '],
    ['a, b, 3', 'in', ['a', 'b', 3]],
    ['["a","b"]', 'not_in', ['a', 'b']],
    ['[1, "x", true]', 'in', [1, 'x', true]],
    ['', 'in', []],
    ['true', 'exists', true],
    ['false', 'exists', false],
    ['', 'exists', true],
  ])('%j with %s -> %j', (text, operator, value) => {
    expect(parseRuleValue(text, operator)).toEqual(value);
  });
});

describe('formatRuleValue round trip', () => {
  it.each<[unknown, Operator]>([
    ['gpt-4', 'eq'],
    [0.5, 'eq'],
    [true, 'eq'],
    ['42', 'eq'],
    ['true', 'ne'],
    [['a', 'b', 3], 'in'],
    [['a,b', 'c'], 'not_in'],
    [['42', 'x'], 'in'],
    [false, 'exists'],
    ['^a|b$', 'regex'],
    [{ nested: 1 }, 'eq'],
  ])('%j with %s reads back the same', (value, operator) => {
    expect(parseRuleValue(formatRuleValue(value, operator), operator)).toEqual(value);
  });
});

describe('drafts', () => {
  it('an empty builder sends no rule set', () => {
    expect(ruleSetOf({ logic: 'AND', rows: [] })).toBeNull();
  });

  it('reads a stored rule set, defaulting logic and operator, and writes it back typed', () => {
    const draft = draftOf({
      logic: 'or' as never,
      rules: [
        { field: 'headers.x-priority', value: 5 } as never,
        { field: 'model', operator: 'REGEX' as never, value: '^gpt' },
      ],
    });
    expect(draft).toEqual({
      logic: 'OR',
      rows: [
        { field: 'headers.x-priority', operator: 'eq', valueText: '5' },
        { field: 'model', operator: 'regex', valueText: '^gpt' },
      ],
    });
    expect(ruleSetOf(draft)).toEqual({
      logic: 'OR',
      rules: [
        { field: 'headers.x-priority', operator: 'eq', value: 5 },
        { field: 'model', operator: 'regex', value: '^gpt' },
      ],
    });
  });

  it('null is an empty AND builder', () => {
    expect(draftOf(null)).toEqual({ logic: 'AND', rows: [] });
  });
});
