/**
 * The error package, format `flashback.error-package/1`: the single source of truth.
 * TypeScript types (`types.ts`) and the published JSON Schema (`schema/error-package.schema.json`)
 * are both derived from these definitions.
 */
import { z } from 'zod';

import { PACKAGE_FORMAT } from './format.js';

export { PACKAGE_FORMAT };

/**
 * A captured JavaScript value in JSON form. Plain JSON values stand for themselves; anything JSON
 * cannot hold (bigint, bytes, dates, undefined, NaN, circular references, cut-off values) is an
 * object tagged with `$fb`. See `values.ts` for the encoder and decoder.
 */
export const EncodedValueSchema = z
  .json()
  .describe('A captured value; objects with a `$fb` key are tagged values')
  .meta({ id: 'EncodedValue' });

export const HeadersSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .describe('Header names in lower case');

export const BodySchema = z
  .object({
    contentType: z.string().optional(),
    encoding: z.enum(['utf8', 'base64']),
    data: z.string(),
    size: z.number().int().nonnegative().describe('Size of the original body in bytes'),
    truncated: z.boolean().describe('True when `data` holds only the first bytes of the body'),
  })
  .describe('A request or response body, size-capped; binary bodies are base64');

export const IoErrorSchema = z
  .object({
    name: z.string().optional(),
    message: z.string(),
    code: z
      .string()
      .optional()
      .describe('ETIMEDOUT, ECONNREFUSED, a SQLSTATE such as 23505, SQLITE_CONSTRAINT_UNIQUE, ...'),
    errno: z.number().optional(),
    syscall: z.string().optional(),
  })
  .describe('The error an IO operation ended with');

const eventBase = {
  seq: z.number().int().nonnegative().describe('Order in which the operation started within the trigger'),
  startOffsetMs: z.number().describe('Start, in ms after the trigger started'),
  durationMs: z.number().nonnegative().nullable().describe('Null while still pending at capture time'),
  outcome: z.enum(['ok', 'error', 'timeout', 'pending']),
  error: IoErrorSchema.optional(),
};

export const DbFieldSchema = z.object({
  name: z.string(),
  dataTypeId: z.number().int().optional().describe('PostgreSQL type OID'),
  type: z.string().optional().describe('Declared type name (SQLite) or PostgreSQL type name'),
  table: z.string().optional().describe('Source table, where the driver tells'),
  column: z.string().optional().describe('Source column, where the driver tells'),
  tableId: z.number().int().optional().describe('PostgreSQL table OID'),
  columnId: z.number().int().optional().describe('PostgreSQL column attribute number'),
});

export const DbEventSchema = z.object({
  ...eventBase,
  type: z.literal('db'),
  system: z.enum(['postgresql', 'sqlite']),
  database: z.string().describe('Which database: a SQLite file path, or postgresql://user@host:port/name'),
  operation: z.string().optional().describe('Driver call: query, exec, run, get, all, iterate'),
  statement: z.string(),
  params: z.union([z.array(EncodedValueSchema), z.record(z.string(), EncodedValueSchema)]),
  command: z.string().optional().describe('SELECT, INSERT, UPDATE, DELETE, ...'),
  fields: z.array(DbFieldSchema).optional(),
  rows: z.array(z.array(EncodedValueSchema)).optional().describe('Each row as values in `fields` order'),
  rowCount: z.number().int().nullable().optional(),
  changes: z.number().int().optional().describe('Rows changed by a write (SQLite)'),
  lastInsertRowid: EncodedValueSchema.optional(),
  truncated: z
    .object({ rows: z.number().int().nonnegative().describe('Rows the query returned in all') })
    .optional(),
});

export const AwsCallSchema = z.object({
  service: z.literal('s3'),
  operation: z.string().describe('GetObject, PutObject, HeadObject, ListObjectsV2, ...'),
  bucket: z.string().optional(),
  key: z.string().optional(),
  region: z.string().optional(),
});

export const HttpEventSchema = z.object({
  ...eventBase,
  type: z.literal('http'),
  method: z.string(),
  url: z.string(),
  requestHeaders: HeadersSchema,
  requestBody: BodySchema.optional(),
  status: z.number().int().optional(),
  statusText: z.string().optional(),
  responseHeaders: HeadersSchema.optional(),
  responseBody: BodySchema.optional(),
  aws: AwsCallSchema.optional(),
});

export const RedisEventSchema = z.object({
  ...eventBase,
  type: z.literal('redis'),
  client: z.enum(['ioredis', 'node-redis']),
  server: z.string().optional().describe('host:port/db'),
  command: z.string().describe('Command name in upper case'),
  args: z.array(EncodedValueSchema),
  reply: EncodedValueSchema.optional(),
});

export const ClockEventSchema = z.object({
  ...eventBase,
  type: z.literal('clock'),
  source: z.string().describe('What the service asked: Date.now, new Date, ...'),
  value: z.number().describe('Epoch milliseconds returned'),
});

export const RandomEventSchema = z.object({
  ...eventBase,
  type: z.literal('random'),
  source: z.string().describe('Math.random, crypto.randomUUID, ...'),
  value: EncodedValueSchema,
});

export const TimelineEventSchema = z.discriminatedUnion('type', [
  DbEventSchema,
  HttpEventSchema,
  RedisEventSchema,
  ClockEventSchema,
  RandomEventSchema,
]);

export const FrameSchema = z.object({
  function: z.string().describe('Function name, `<anonymous>` when it has none'),
  file: z.string().describe('File or URL as the runtime reported it'),
  module: z.string().describe('Path relative to the app root, or `package/path` inside node_modules'),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  inApp: z.boolean(),
  locals: z.record(z.string(), EncodedValueSchema).optional().describe('Local variables at this frame'),
});

export interface ErrorInfoShape {
  type: string;
  message: string;
  code?: string | undefined;
  stack?: string | undefined;
  frames: z.infer<typeof FrameSchema>[];
  cause?: ErrorInfoShape | undefined;
}

export const ErrorInfoSchema: z.ZodType<ErrorInfoShape> = z
  .lazy(() =>
    z.object({
      type: z.string().describe('Constructor name: TypeError, GatewayError, ...'),
      message: z.string(),
      code: z.string().optional(),
      stack: z.string().optional(),
      frames: z.array(FrameSchema).describe('Innermost frame first'),
      cause: ErrorInfoSchema.optional(),
    }),
  )
  .meta({ id: 'ErrorInfo' });

export const HttpTriggerSchema = z.object({
  kind: z.literal('http'),
  method: z.string(),
  url: z.string().describe('Path and query as received'),
  headers: HeadersSchema,
  body: BodySchema.optional(),
  startedAt: z.iso.datetime().describe('Wall clock when the request arrived'),
  remoteAddress: z.string().optional(),
  route: z.string().optional().describe('Route pattern, where the framework tells'),
  response: z.object({ status: z.number().int() }).optional(),
});

export const JobTriggerSchema = z.object({
  kind: z.literal('job'),
  name: z.string(),
  payload: EncodedValueSchema.optional(),
  startedAt: z.iso.datetime(),
});

export const TriggerSchema = z.discriminatedUnion('kind', [HttpTriggerSchema, JobTriggerSchema]);

export const TableSchemaSchema = z.object({
  name: z.string(),
  ddl: z.string().describe('CREATE TABLE statement (plus its indexes) that recreates the table'),
});

export const DatabaseSchemaSchema = z.object({
  system: z.enum(['postgresql', 'sqlite']),
  database: z.string().describe('Matches `database` on the db events'),
  tables: z.array(TableSchemaSchema),
});

export const RedactionSchema = z
  .object({
    path: z.string().describe('JSON path of the masked value inside the package'),
    rule: z.string().describe('Which rule masked it: header:authorization, key:password, pattern:jwt, ...'),
  })
  .describe('What was masked and by which rule; never the value');

export const MechanismSchema = z.object({
  kind: z.enum(['uncaughtException', 'unhandledRejection', 'captureException', 'framework', 'http-5xx']),
  handled: z.boolean(),
  framework: z.string().optional(),
});

export const ErrorPackageSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  id: z.uuid(),
  capturedAt: z.iso.datetime(),
  sdk: z.object({ name: z.string(), version: z.string() }),
  service: z.object({
    name: z.string().min(1),
    version: z.string().optional(),
    commit: z.string().optional(),
    environment: z.string().optional(),
  }),
  runtime: z.object({
    nodeVersion: z.string(),
    platform: z.string(),
    arch: z.string(),
    hostname: z.string(),
    pid: z.number().int(),
    appRoot: z.string().describe('Absolute path module paths are relative to'),
    env: z.record(z.string(), z.string()).describe('Allowlisted, redacted environment variables'),
    dependencies: z.record(z.string(), z.string()).describe('Installed versions of the app dependencies'),
  }),
  mechanism: MechanismSchema,
  trigger: TriggerSchema.nullable().describe('Null when the error happened outside any request or job'),
  error: ErrorInfoSchema,
  timeline: z.array(TimelineEventSchema).describe('IO of the trigger, ordered by seq'),
  schemas: z.array(DatabaseSchemaSchema).describe('DDL of the tables the timeline touched'),
  fingerprint: z.string(),
  redactions: z.array(RedactionSchema),
  dropped: z
    .object({ timelineEvents: z.number().int().nonnegative() })
    .optional()
    .describe('What was left out: events past the timeline cap, or released once the request ended'),
});
