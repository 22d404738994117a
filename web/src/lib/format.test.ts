import { describe, expect, it } from 'vitest';
import { capabilitiesProblem, capabilitiesValue, priceValue } from './capabilities';
import { formatDuration, formatPercent } from './format';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [0, '0 ms'],
    [850, '850 ms'],
    [1250, '1.25 s'],
    [59_999, '60.00 s'],
    [125_000, '2 m 5 s'],
  ])('%s -> %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatPercent', () => {
  it.each([
    [0, '0.0%'],
    [0.5, '50.0%'],
    [0.004, '0.40%'],
    [null, '—'],
  ])('%s -> %s', (ratio, text) => expect(formatPercent(ratio)).toBe(text));
});

describe('capabilities and prices', () => {
  it('sends JSON parsed, blank as null, and anything else as text for the server to refuse', () => {
    expect(capabilitiesValue('{"streaming": true}')).toEqual({ streaming: true });
    expect(capabilitiesValue('  ')).toBeNull();
    expect(capabilitiesValue('{streaming: yes')).toBe('{streaming: yes');
    expect(capabilitiesProblem('{streaming: yes')).toMatch(/^Not valid JSON/);
    expect(capabilitiesProblem('{}')).toBeNull();
  });

  it.each([
    ['', null],
    [2.5, 2.5],
    ['0.0001', 0.0001],
    ['x', null],
  ] as const)('price %j -> %j', (input, value) => expect(priceValue(input)).toBe(value));
});
