import { formatJsonPath } from '@flashback/protocol';
import { z } from 'zod';
import { ServerError } from '../app/server-errors.js';
import type { NewTracingAction } from '../storage/tracing-action-store.js';
import { expressionSyntaxError, templateHoles } from './expression-syntax.js';

export const TRACING_LIMITS = {
  maxHits: 10_000,
  ttlSeconds: 24 * 60 * 60,
  defaultTtlSeconds: 10 * 60,
  defaultMaxHits: { snapshot: 1, log: 100 },
  maxExpressionLength: 2_000,
} as const;

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

const wholeNumber = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be at least ${min}`)
    .max(max, `${field} must be at most ${max}`);

const RequestSchema = z.strictObject(
  {
    kind: z.enum(['snapshot', 'log'], { error: 'kind must be snapshot or log' }),
    service: text('service', 200),
    file: text('file', 1_000),
    line: wholeNumber('line', 1, 10_000_000),
    condition: text('condition', TRACING_LIMITS.maxExpressionLength).optional(),
    template: text('template', TRACING_LIMITS.maxExpressionLength).optional(),
    stdout: z.boolean({ error: 'stdout must be true or false' }).optional(),
    maxHits: wholeNumber('maxHits', 1, TRACING_LIMITS.maxHits).optional(),
    ttlSeconds: wholeNumber('ttlSeconds', 1, TRACING_LIMITS.ttlSeconds).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'send a JSON object') },
);

/** The body of `POST /api/projects/:project/tracing/actions`. */
export type PlaceTracingActionRequest = z.input<typeof RequestSchema>;

/**
 * Checks a person's request and applies the defaults: max hits 1 for a snapshot and 100 for a log,
 * expiry in ten minutes. Every problem is a 400 naming the field.
 */
export function parsePlaceRequest(body: unknown, now = new Date()): NewTracingAction {
  const parsed = RequestSchema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: formatJsonPath(issue.path),
      message:
        issue.code === 'unrecognized_keys'
          ? `unknown field(s) ${issue.keys.join(', ')}; expected kind, service, file, line, condition, template, stdout, maxHits, ttlSeconds`
          : issue.message,
    }));
    throw invalid(details.map((d) => d.message).join('; '), details);
  }
  const request = parsed.data;
  if (request.kind === 'log' && request.template === undefined) {
    throw invalid('a log action needs a template, e.g. "total {order.total}"', [
      { path: 'template', message: 'required for kind log' },
    ]);
  }
  if (request.kind === 'snapshot' && (request.template !== undefined || request.stdout !== undefined)) {
    const field = request.template !== undefined ? 'template' : 'stdout';
    throw invalid(`${field} is only for log actions`, [{ path: field, message: 'only for kind log' }]);
  }
  if (request.condition !== undefined) checkExpression('condition', request.condition);
  if (request.template !== undefined) checkTemplate(request.template);

  const action: NewTracingAction = {
    kind: request.kind,
    service: request.service,
    file: request.file,
    line: request.line,
    stdout: request.stdout ?? false,
    maxHits: request.maxHits ?? TRACING_LIMITS.defaultMaxHits[request.kind],
    expiresAt: new Date(
      now.getTime() + (request.ttlSeconds ?? TRACING_LIMITS.defaultTtlSeconds) * 1000,
    ).toISOString(),
  };
  if (request.condition !== undefined) action.condition = request.condition;
  if (request.template !== undefined) action.template = request.template;
  return action;
}

function checkExpression(field: string, expression: string): void {
  const problem = expressionSyntaxError(expression);
  if (problem !== undefined) {
    throw invalid(`${field} is not valid JavaScript: ${problem}`, [{ path: field, message: problem }]);
  }
}

function checkTemplate(template: string): void {
  const parsed = templateHoles(template);
  if ('error' in parsed) {
    throw invalid(`template is not valid: ${parsed.error}`, [{ path: 'template', message: parsed.error }]);
  }
  for (const hole of parsed.holes) checkExpression(`template hole {${hole}}`, hole);
}

function invalid(message: string, details: { path: string; message: string }[]): ServerError {
  return new ServerError('FB_ERR_BAD_REQUEST', message, { details });
}
