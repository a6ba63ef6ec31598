export { clockNow, now } from './commands/clock.js';
export { type HttpRequestInput, type HttpResponse, http, httpRequest, jsonBody } from './commands/http.js';
export { type LogInput, type LogLevel, log, logLine } from './commands/log.js';
export { random, randomFloat, randomUuid, uuid } from './commands/random.js';
export { type RedisCommandInput, redis, redisCommand } from './commands/redis.js';
export { query, type SqlField, type SqlQueryInput, type SqlRows, sqlQuery } from './commands/sql.js';
export {
  type Command,
  type CommandType,
  defineCommand,
  type InputOf,
  type ResultOf,
} from './core/command.js';
export {
  andThen,
  attempt,
  type Done,
  done,
  type Effect,
  fail,
  map,
  type Step,
  succeed,
  type ValueOf,
} from './core/effect.js';
export { type AnyHandler, type Handler, handle, type SpanAttributes } from './core/handler.js';
export { Pipeline, pipeline } from './core/pipeline.js';
export {
  type AnyProgram,
  defineProgram,
  isProgram,
  type Program,
  type ProgramOptions,
} from './core/program.js';
export {
  type EffectError,
  effectError,
  type Failure,
  failure,
  isEffectError,
  type Result,
  type Success,
  success,
  toEffectError,
} from './core/result.js';
export { EffectsError, type EffectsErrorCode, isEffectsError } from './errors.js';
export {
  ATTR_ERROR_TYPE,
  ATTR_EXECUTION_ID,
  ATTR_KIND,
  ATTR_OUTCOME,
  ATTR_PROGRAM,
  ATTR_SEQ,
  ATTR_STEPS,
} from './otel/execution-spans.js';
export {
  type AskedCommand,
  type Divergence,
  describe as describeCommand,
  describeOutcome,
} from './replay/divergence.js';
export { type LoadProgramOptions, loadProgram } from './replay/load-program.js';
export { type ReplayFrame, type ReplayReport, replayTrace } from './replay/replay-trace.js';
export { TimeTravel, type TimeTravelView } from './replay/time-travel.js';
export type { Execution, ServiceInfo, StepRecord } from './runtime/execution.js';
export { createRuntime, type Runtime, type RuntimeOptions } from './runtime/runtime.js';
export { toTrace } from './trace/build-trace.js';
export { parseTrace } from './trace/parse-trace.js';
export {
  type EffectTrace,
  TRACE_FORMAT,
  type TraceError,
  type TraceOutcome,
  type TraceProgram,
  type TraceRuntime,
  type TraceStep,
} from './trace/trace-format.js';
