/**
 * Syntax checks for the expressions of tracing actions, without evaluating anything: `new Function`
 * compiles its body and never calls it. Whether an expression is free of side effects is for the
 * SDK to decide where it runs; it reports an `error` status when one is not.
 */

/** The parser's message when `expression` is not a valid JavaScript expression, else undefined. */
export function expressionSyntaxError(expression: string): string | undefined {
  if (expression.trim() === '') return 'the expression is empty';
  try {
    // The newline ends a trailing `//` comment before the closing parenthesis.
    new Function(`return (${expression}\n);`);
    return undefined;
  } catch (error) {
    return error instanceof SyntaxError ? error.message : String(error);
  }
}

/**
 * The `{expression}` holes of a log template, in order, split as the SDK splits them: braces nest
 * (object literals), a `{` that is never closed or an empty `{}` is an error.
 */
export function templateHoles(template: string): { holes: string[] } | { error: string } {
  const holes: string[] = [];
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{', index);
    if (open === -1) break;
    let depth = 1;
    let close = open + 1;
    for (; close < template.length && depth > 0; close++) {
      if (template[close] === '{') depth++;
      else if (template[close] === '}') depth--;
    }
    if (depth > 0) return { error: `the "{" at position ${open + 1} is never closed` };
    const hole = template.slice(open + 1, close - 1).trim();
    if (hole === '') return { error: `the "{}" at position ${open + 1} is empty` };
    holes.push(hole);
    index = close;
  }
  return { holes };
}
