export {
  compileLogTemplate,
  compileSafeExpression,
  ExpressionError,
  parseLogTemplate,
  type SafeRuntime,
  type TemplatePart,
} from './safe-expression.js';
export type * from './tracing-types.js';
export { TRACING_FORMAT } from './tracing-types.js';
