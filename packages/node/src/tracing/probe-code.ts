/**
 * The text inserted in front of the statement at an armed line. One line, so every line number of
 * the script stays the same; every name it declares starts with `__fb$` so it cannot shadow the
 * host's variables that a condition reads.
 */

import type { TracingAction } from '@flashback/protocol/tracing';
import { compileLogTemplate, compileSafeExpression } from '@flashback/protocol/tracing';
import { PROBE_GLOBAL } from './probe-runtime.js';

const RT = '__fb$G';

/** @throws ExpressionError when the condition or the template is not valid or not side-effect free */
export function probeCode(action: TracingAction, slot: number): string {
  const condition = action.condition ? compileSafeExpression(action.condition, RT) : 'true';
  const run =
    action.kind === 'log'
      ? `if (${RT}.hit(${slot})) { const __fb$T = performance.now(); ${RT}.log(${slot}, ${compileLogTemplate(action.template ?? '', RT)}, __fb$T); }`
      : `if (${RT}.hit(${slot})) { ${RT}.pending = ${slot}; debugger; ${RT}.pending = 0; }`;
  return (
    `{ const ${RT} = globalThis.${PROBE_GLOBAL}; ` +
    `if (${RT} !== undefined && ${RT}.armed[${slot}] !== undefined) { ` +
    `try { if (${condition}) { ${run} } } catch (__fb$E) { ${RT}.fail(${slot}, __fb$E); } } } `
  );
}
