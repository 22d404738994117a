import { describe, expect, it } from 'vitest';
import { ApiError, describeError, fieldError, fieldOfLoc, ruleIndexOf } from './errors';

describe('describeError', () => {
  it.each([
    {
      name: 'a 422 names the field in both shapes',
      status: 422,
      body: {
        error: {
          message: 'name: must be at most 100 characters',
          type: 'invalid_request_error',
          code: 'validation_error',
          param: 'name',
        },
        detail: [{ loc: ['body', 'name'], msg: 'must be at most 100 characters', type: 'value_error' }],
      },
      message: 'name: must be at most 100 characters',
      code: 'validation_error',
      fields: { name: 'must be at most 100 characters' },
    },
    {
      name: 'a rule-set problem keeps its rule path',
      status: 422,
      body: {
        error: {
          message: "matching_rules: rules[1].value: invalid regex '(': missing )",
          param: 'matching_rules',
          code: 'validation_error',
        },
        detail: [{ loc: ['body', 'matching_rules'], msg: "rules[1].value: invalid regex '(': missing )" }],
      },
      message: "matching_rules: rules[1].value: invalid regex '(': missing )",
      code: 'validation_error',
      fields: { matching_rules: "rules[1].value: invalid regex '(': missing )" },
    },
    {
      name: 'FastAPI-style detail list alone',
      status: 422,
      body: { detail: [{ loc: ['body', '[3].base_url'], msg: 'must be an absolute http(s) URL' }] },
      message: '[3].base_url: must be an absolute http(s) URL',
      code: null,
      fields: { '[3].base_url': 'must be an absolute http(s) URL' },
    },
    {
      name: 'admin-auth failure',
      status: 401,
      body: { detail: 'Invalid or expired token' },
      message: 'Invalid or expired token',
      code: null,
      fields: {},
    },
    {
      name: 'a conflict in the error envelope',
      status: 409,
      body: {
        error: {
          message: 'Provider is referenced by model mappings',
          type: 'conflict_error',
          code: 'provider_in_use',
          param: null,
        },
      },
      message: 'Provider is referenced by model mappings',
      code: 'provider_in_use',
      fields: {},
    },
    { name: 'no body', status: 404, body: null, message: 'Not found', code: null, fields: {} },
    { name: 'text body', status: 502, body: 'Bad gateway', message: 'Bad gateway', code: null, fields: {} },
    { name: 'unreachable', status: 0, body: null, message: 'The gateway cannot be reached', code: null, fields: {} },
  ])('$name', ({ status, body, message, code, fields }) => {
    const described = describeError(status, body);
    expect(described.message).toBe(message);
    expect(described.code).toBe(code);
    expect(described.fieldErrors).toEqual(fields);
  });
});

describe('fieldOfLoc', () => {
  it.each([
    [['body', 'name'], 'name'],
    [['query', 'page_size'], 'page_size'],
    [['body', 'providers', 0], 'providers.0'],
    [['body'], null],
    ['name', null],
    [[], null],
  ])('%j -> %s', (loc, field) => expect(fieldOfLoc(loc)).toBe(field));
});

describe('fieldError and ruleIndexOf', () => {
  it('reads the problem of one field from an ApiError only', () => {
    const error = new ApiError(422, {
      error: { message: 'base_url: must be an absolute http(s) URL', param: 'base_url' },
    });
    expect(fieldError(error, 'base_url')).toBe('must be an absolute http(s) URL');
    expect(fieldError(error, 'name')).toBeUndefined();
    expect(fieldError(new Error('x'), 'base_url')).toBeUndefined();
  });

  it.each([
    ["rules[2].value: invalid regex '('", 2],
    ['rules[0].operator: unknown', 0],
    ['logic: must be "AND" or "OR"', null],
    [undefined, null],
  ])('%s -> %s', (problem, index) => expect(ruleIndexOf(problem)).toBe(index));
});
