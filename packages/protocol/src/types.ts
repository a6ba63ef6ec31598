/** TypeScript types of the error package, derived from the zod definitions in `schema.ts`. */
import type { z } from 'zod';
import type {
  AwsCallSchema,
  BodySchema,
  ClockEventSchema,
  DatabaseSchemaSchema,
  DbEventSchema,
  DbFieldSchema,
  ErrorInfoShape,
  ErrorPackageSchema,
  FrameSchema,
  HttpEventSchema,
  HttpTriggerSchema,
  IoErrorSchema,
  JobTriggerSchema,
  MechanismSchema,
  RandomEventSchema,
  RedactionSchema,
  RedisEventSchema,
  TableSchemaSchema,
  TimelineEventSchema,
  TriggerSchema,
} from './schema.js';

export type ErrorPackage = z.infer<typeof ErrorPackageSchema>;
export type Body = z.infer<typeof BodySchema>;
export type IoError = z.infer<typeof IoErrorSchema>;
export type DbField = z.infer<typeof DbFieldSchema>;
export type DbEvent = z.infer<typeof DbEventSchema>;
export type HttpEvent = z.infer<typeof HttpEventSchema>;
export type AwsCall = z.infer<typeof AwsCallSchema>;
export type RedisEvent = z.infer<typeof RedisEventSchema>;
export type ClockEvent = z.infer<typeof ClockEventSchema>;
export type RandomEvent = z.infer<typeof RandomEventSchema>;
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export type TimelineEventType = TimelineEvent['type'];
export type Frame = z.infer<typeof FrameSchema>;
export type ErrorInfo = ErrorInfoShape;
export type HttpTrigger = z.infer<typeof HttpTriggerSchema>;
export type JobTrigger = z.infer<typeof JobTriggerSchema>;
export type Trigger = z.infer<typeof TriggerSchema>;
export type TableSchema = z.infer<typeof TableSchemaSchema>;
export type DatabaseSchema = z.infer<typeof DatabaseSchemaSchema>;
export type Redaction = z.infer<typeof RedactionSchema>;
export type Mechanism = z.infer<typeof MechanismSchema>;

/** A JSON value as captured; objects carrying `$fb` are tagged values (see `values.ts`). */
export type EncodedValue =
  | string
  | number
  | boolean
  | null
  | EncodedValue[]
  | { [key: string]: EncodedValue };
