/**
 * `malformed-input`: the request (or job) carried input of the wrong shape and the code tripped on
 * it. Three readings, each checked against the recorded input rather than guessed from the message:
 * - a TypeError naming a property path whose recorded value has the wrong type
 *   (`cart.items.map is not a function` while the body's `items` is an object) or is missing;
 * - a JSON SyntaxError while the request body itself is not valid JSON;
 * - a validation error (ValidationError, ZodError, ...) naming a property of the input.
 * A well-formed input (the property has the type the code expects) is not a cause.
 */
import type { ErrorInfo, ErrorPackage } from '@flashback/protocol/types';
import { typeOf } from '../support/body-text.js';
import { expectationOf } from '../support/input-expectation.js';
import { syntaxErrorQuotes } from '../support/json-snippet.js';
import { contextOf } from '../support/package-context.js';
import { findInInput, type InputHit, type TriggerInput } from '../support/trigger-input.js';
import { validationPaths } from '../support/validation-paths.js';
import type { Cause, TriageRule } from '../types.js';

const WRONG_TYPE = 0.9;
const INVALID_JSON = 0.88;
const MISSING = 0.82;
const VALIDATION = 0.8;
const JSON_SYNTAX =
  /json|unexpected (?:token|end|non-whitespace)|expected property name|unterminated string|bad control character/i;
const VALIDATION_TYPE =
  /validation|zoderror|valierror|yup|ajv|schemaerror|invalid(?:input|argument|request)/i;
// Variables that hold the input itself in the code, so a missing key under them is a missing field.
const INPUT_ROOTS = new Set([
  'body',
  'payload',
  'input',
  'data',
  'params',
  'query',
  'args',
  'dto',
  'request',
  'req',
]);
const MAX_QUOTE = 120;

/** Explains a failure by input of the wrong shape. */
export const malformedInputRule: TriageRule = {
  id: 'malformed-input',
  explain(pkg) {
    const ctx = contextOf(pkg);
    // Parsing the input costs more than this check; most errors are not of a kind this rule reads.
    if (!ctx.errors.some(isReadable)) return undefined;
    const input = ctx.input;
    if (!input) return undefined;
    for (const error of ctx.errors) {
      const cause =
        error.type === 'TypeError'
          ? fromTypeError(pkg, input, error)
          : error.type === 'SyntaxError'
            ? fromSyntaxError(input, error)
            : VALIDATION_TYPE.test(error.type)
              ? fromValidationError(input, error)
              : undefined;
      if (cause) return cause;
    }
    return undefined;
  },
};

function isReadable(error: ErrorInfo): boolean {
  return error.type === 'TypeError' || error.type === 'SyntaxError' || VALIDATION_TYPE.test(error.type);
}

function fromTypeError(pkg: ErrorPackage, input: TriggerInput, error: ErrorInfo): Cause | undefined {
  const expectation = expectationOf(error.message);
  if (!expectation) return undefined;
  const hit = findInInput(input, expectation.expression);
  if (!hit) return undefined;
  if (hit.found) {
    const actual = typeOf(hit.value);
    if (expectation.expected.includes(actual)) return undefined;
    const expected = expectation.expected.map(withArticle).join(' or ');
    return cause(
      `${where(hit)} is ${withArticle(actual)} where the code expects ${expected}`,
      error,
      WRONG_TYPE,
    );
  }
  return holdsInput(pkg, input, hit) ? cause(`${where(hit)} is missing`, error, MISSING) : undefined;
}

function fromSyntaxError(input: TriggerInput, error: ErrorInfo): Cause | undefined {
  if (!input.invalidJsonBody || !JSON_SYNTAX.test(error.message)) return undefined;
  // When V8 quotes the text it choked on, it must be the request body's, not an upstream's answer.
  if (syntaxErrorQuotes(error.message, input.bodyText ?? '') === false) return undefined;
  return cause('the request body is not valid JSON', error, INVALID_JSON);
}

function fromValidationError(input: TriggerInput, error: ErrorInfo): Cause | undefined {
  for (const path of validationPaths(error.message)) {
    const hit = findInInput(input, path);
    if (!hit || hit.root.length > 0) continue;
    const state = hit.found ? `(${describeValue(hit.value)}) was rejected by validation` : 'is missing';
    return cause(`${where(hit)} ${state}`, error, VALIDATION);
  }
  return undefined;
}

/**
 * Whether the expression's root variable holds the input, so that a key missing under it is a key
 * missing from the input: the root is a conventional name (`body`, `req.body`), or a local of an
 * in-app frame whose keys are exactly the input's (`cart` in `const cart = req.body`).
 */
function holdsInput(pkg: ErrorPackage, input: TriggerInput, hit: InputHit): boolean {
  if (hit.root.length === 0 || hit.root.every((segment) => INPUT_ROOTS.has(segment))) return true;
  const part = input.parts.find((p) => p.name === hit.part)?.value;
  if (typeof part !== 'object' || part === null) return false;
  const keys = Object.keys(part).sort().join('\n');
  const name = hit.root[0] ?? '';
  return pkg.error.frames.some((frame) => {
    const local = frame.inApp ? frame.locals?.[name] : undefined;
    return typeof local === 'object' && local !== null && Object.keys(local).sort().join('\n') === keys;
  });
}

function cause(what: string, error: ErrorInfo, confidence: number): Cause {
  return {
    kind: 'malformed-input',
    summary: `Malformed input: ${what} (${error.type}: ${quote(error.message)})`,
    evidence: [],
    confidence,
  };
}

function where(hit: InputHit): string {
  return `${hit.part}.${hit.path.join('.')}`;
}

/** A short picture of a value: a primitive as itself, anything else by its type. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 30 ? `${value.slice(0, 29)}…` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return withArticle(typeOf(value));
}

function withArticle(type: string): string {
  if (type === 'null' || type === 'undefined') return type;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function quote(message: string): string {
  const line = message.replace(/\s+/g, ' ');
  return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE - 1)}…` : line;
}
