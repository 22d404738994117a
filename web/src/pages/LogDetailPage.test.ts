import { describe, expect, it } from 'vitest';
import { attemptsOf } from './LogDetailPage';

describe('attemptsOf', () => {
  const trail = [
    { provider_id: 1, provider_name: 'a', status: 503, duration_ms: 12, error: 'upstream 503' },
    { provider_id: 2, provider_name: 'b', status: 200, duration_ms: 80, error: null },
  ];

  it.each([
    ['a JSON list', trail, trail],
    ['stored text', JSON.stringify(trail), trail],
    ['text that is not a list', '{"x":1}', []],
    ['broken text', 'not json', []],
    ['nothing', null, []],
  ])('%s', (_, attempts, expected) => {
    expect(attemptsOf({ attempts: attempts as never })).toEqual(expected);
  });
});
