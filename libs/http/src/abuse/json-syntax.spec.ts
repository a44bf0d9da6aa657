import fc from 'fast-check';
import { findJsonSyntaxError, malformedJsonProblem } from './json-syntax';

/** What body-parser's strict mode takes: JSON.parse succeeds and the top level is an object or an array. */
function strictJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

describe('where a JSON body breaks', () => {
  it.each([
    ['{"a":}', { position: 5, line: 1, column: 6, expected: 'a value', atEnd: false }],
    ['{"a":1', { position: 6, line: 1, column: 7, expected: "',' or '}'", atEnd: true }],
    ['{"a" 1}', { position: 5, expected: "':' after the property name" }],
    ["{'a':1}", { position: 1, expected: 'a double-quoted property name' }],
    ['{"a":1,}', { position: 7, expected: 'a double-quoted property name' }],
    ['{"a":tru}', { position: 5, expected: 'a value' }],
    ['[1,2', { position: 4, expected: "',' or ']'", atEnd: true }],
    ['{"a":"x', { position: 7, expected: 'a well-formed string', atEnd: true }],
    ['{"a":"\\q"}', { position: 7, expected: 'a well-formed string' }],
    ['{"a":1}}', { position: 7, expected: 'the end of the body' }],
    ['{"a":01}', { position: 6, expected: "',' or '}'" }],
    ['{\n  "a": 1,\n  "b": ]\n}', { position: 19, line: 3, column: 8, expected: 'a value' }],
    ['"just a string"', { position: 0, expected: 'a JSON object or array' }],
  ])('%j stops where it breaks', (text, where) => {
    expect(findJsonSyntaxError(text)).toMatchObject(where);
  });

  it('agrees with JSON.parse in strict mode on any text, JSON-like or not', () => {
    const jsonish = fc.oneof(
      fc.json().map((j) => `{"k":${j}}`),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789.-+eE \n\\tfalsnu'.split('')) }),
      fc.string(),
    );
    fc.assert(
      fc.property(jsonish, (text) => (findJsonSyntaxError(text) === undefined) === strictJson(text)),
      { numRuns: 5000 },
    );
  });

  it('walks a hostile nesting without exhausting the stack', () => {
    expect(findJsonSyntaxError('['.repeat(200_000))).toMatchObject({ position: 200_000, atEnd: true });
    expect(findJsonSyntaxError('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000))).toBeUndefined();
  });

  it('answers 400 REQUEST.MALFORMED_JSON saying the body is not JSON and where, without quoting it', () => {
    const problem = malformedJsonProblem('{"secret": "hunter2", oops}');
    expect(problem.getStatus()).toBe(400);
    expect(problem.code).toBe('REQUEST.MALFORMED_JSON');
    expect(problem.message).toBe(
      'The body is not valid JSON: parsing stopped on line 1, column 23 (character 22): expected a double-quoted property name',
    );
    expect(problem.message).not.toContain('hunter2');
    expect(problem.violations).toEqual([{ field: 'body', rule: 'json', message: expect.stringContaining('line 1') }]);
  });
});
