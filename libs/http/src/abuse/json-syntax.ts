import { ProblemException } from '../problems/problem';

/** Where a JSON text stops being JSON: a 0-based character index, its 1-based line and column, and what was due. */
export interface JsonSyntaxError {
  position: number;
  line: number;
  column: number;
  expected: string;
  /** The input ended before the JSON did. */
  atEnd: boolean;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

type State = 'value' | 'value-or-]' | 'key' | 'key-or-}' | 'after-value';

/**
 * Finds where a request body stops being what body-parser's strict mode takes (JSON with an object or array at the
 * top). V8's own messages name a position for some errors and not for others (`Unexpected
 * token '}', "{"a":}" is not valid JSON`, quoting the body); this walks the text once, without recursion so that a
 * hostile nesting cannot exhaust the stack, and always says where. Undefined when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const open: Array<'{' | '['> = [];
  const fail = (expected: string): JsonSyntaxError => {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    return { position: i, line, column: i - before.lastIndexOf('\n'), expected, atEnd: i >= text.length };
  };
  /** Past a string starting at `i`; false where it breaks, `i` on the offending character. */
  const string = (): boolean => {
    for (i++; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        i++;
        return true;
      }
      if (c < ' ') return false;
      if (c !== '\\') continue;
      i++;
      if (text[i] === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return false;
        i += 4;
      } else if (!ESCAPES.has(text[i])) return false;
    }
    return false;
  };
  let state: State = 'value';
  for (;;) {
    while (i < text.length && WHITESPACE.has(text[i])) i++;
    const c = text[i];
    if (state === 'after-value') {
      const top = open[open.length - 1];
      if (!top) return i < text.length ? fail('the end of the body') : undefined;
      const close = top === '{' ? '}' : ']';
      if (c === ',') state = top === '{' ? 'key' : 'value';
      else if (c === close) open.pop();
      else return fail(`',' or '${close}'`);
      i++;
    } else if (state === 'key' || state === 'key-or-}') {
      if (state === 'key-or-}' && c === '}') {
        open.pop();
        i++;
        state = 'after-value';
        continue;
      }
      if (c !== '"') return fail('a double-quoted property name');
      if (!string()) return fail('a well-formed string');
      while (i < text.length && WHITESPACE.has(text[i])) i++;
      if (text[i] !== ':') return fail("':' after the property name");
      i++;
      state = 'value';
    } else if (state === 'value-or-]' && c === ']') {
      open.pop();
      i++;
      state = 'after-value';
    } else if (open.length === 0 && c !== '{' && c !== '[') {
      // body-parser's strict mode, which every service uses: a body is an object or an array.
      return fail('a JSON object or array');
    } else if (c === '{' || c === '[') {
      open.push(c);
      i++;
      state = c === '{' ? 'key-or-}' : 'value-or-]';
    } else if (c === '"') {
      if (!string()) return fail('a well-formed string');
      state = 'after-value';
    } else {
      NUMBER.lastIndex = i;
      const literal = LITERALS.find((l) => text.startsWith(l, i));
      if (literal) i += literal.length;
      else if (NUMBER.test(text)) i = NUMBER.lastIndex;
      else return fail('a value');
      state = 'after-value';
    }
  }
}

/** The 400 answer to a body that is not JSON, saying so and where parsing stopped, never quoting the body. */
export function malformedJsonProblem(text: string): ProblemException {
  const error = findJsonSyntaxError(text);
  const where = error
    ? `parsing stopped on line ${error.line}, column ${error.column} (character ${error.position}): ` +
      `expected ${error.expected}${error.atEnd ? ', found the end of the body' : ''}`
    : 'parsing failed';
  return new ProblemException(
    400,
    'REQUEST.MALFORMED_JSON',
    'The request body is not valid JSON',
    `The body is not valid JSON: ${where}`,
    [{ field: 'body', rule: 'json', message: where }],
    error ? { line: error.line, column: error.column, position: error.position } : {},
  );
}
