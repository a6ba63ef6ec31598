/**
 * Tolerant readers for what a reproduction stored: the replay engine's verdict
 * (`packages/replay/src/runner/verdict-types.ts`) and the repro bundle (`flashback.repro-bundle/1`).
 * Both are JSON of whatever version wrote them; every part is optional here and shown if present.
 */
import type { EncodedValue } from '@flashback/protocol/types';

export interface ErrorSummaryView {
  type: string;
  message: string;
  fingerprint: string;
}

export interface DivergenceView {
  source: string;
  kind: string | undefined;
  message: string;
  expected: string | undefined;
  actual: string | undefined;
  expectedSeq: number | undefined;
}

export interface VerdictView {
  status: string | undefined;
  summary: string | undefined;
  original: ErrorSummaryView | undefined;
  replayed: ErrorSummaryView | undefined;
  response: { status: number; body: string | undefined } | undefined;
  timings: [string, number][];
  divergences: DivergenceView[];
  notes: string[];
  appLog: string | undefined;
  setupError: string | undefined;
}

export interface FixtureTableView {
  name: string;
  ddl: string | undefined;
  columns: string[];
  rows: { values: Record<string, EncodedValue>; from: number[]; placeholders: string[] }[];
}

export interface FixtureDatabaseView {
  system: string;
  database: string;
  tables: FixtureTableView[];
  notes: { seq: number | null; kind: string; message: string }[];
}

export interface BundleView {
  app: { service: string | undefined; dir: string | undefined; start: string | undefined } | undefined;
  databases: FixtureDatabaseView[];
  httpStubs: { origin: string; exchanges: number[] }[];
  redisStubs: { server: string; commands: number[] }[];
  log: string | undefined;
}

type Json = Record<string, unknown>;

const TIMING_LABELS: [string, string][] = [
  ['fixtureMs', 'Fixtures'],
  ['sandboxReadyMs', 'Sandbox ready'],
  ['appReadyMs', 'App ready'],
  ['triggerMs', 'Trigger'],
  ['totalMs', 'Total'],
];

export function readVerdict(value: unknown): VerdictView | undefined {
  if (!isJson(value)) return undefined;
  const timings = isJson(value.timings) ? value.timings : {};
  const response = isJson(value.response) ? value.response : undefined;
  const setup = isJson(value.error) ? value.error : undefined;
  return {
    status: text(value.status),
    summary: text(value.summary),
    original: readErrorSummary(value.original),
    replayed: readErrorSummary(value.replayed),
    response:
      response && typeof response.status === 'number'
        ? { status: response.status, body: text(response.body) }
        : undefined,
    timings: TIMING_LABELS.flatMap(([key, label]): [string, number][] => {
      const ms = timings[key];
      return typeof ms === 'number' ? [[label, ms]] : [];
    }),
    divergences: list(value.divergences).filter(isJson).map(readDivergence),
    notes: list(value.notes).filter((note): note is string => typeof note === 'string'),
    appLog: text(value.appLog),
    setupError: setup ? [text(setup.code), text(setup.message)].filter(Boolean).join(': ') : undefined,
  };
}

export function readBundle(value: unknown): BundleView | undefined {
  if (!isJson(value)) return undefined;
  const app = isJson(value.app) ? value.app : undefined;
  const fixture = isJson(value.fixture) ? value.fixture : undefined;
  const stubs = isJson(value.stubs) ? value.stubs : {};
  return {
    app: app && { service: text(app.service), dir: text(app.dir), start: startText(app.start) },
    databases: list(fixture?.databases).filter(isJson).map(readFixtureDatabase),
    httpStubs: list(stubs.http)
      .filter(isJson)
      .map((stub) => ({ origin: text(stub.origin) ?? '?', exchanges: numbers(stub.exchanges) })),
    redisStubs: list(stubs.redis)
      .filter(isJson)
      .map((stub) => ({
        server: `${text(stub.host) ?? '?'}:${String(stub.port ?? '?')}/${String(stub.db ?? 0)}`,
        commands: numbers(stub.commands),
      })),
    log: text(value.log),
  };
}

function readErrorSummary(value: unknown): ErrorSummaryView | undefined {
  if (!isJson(value)) return undefined;
  return {
    type: text(value.type) ?? '?',
    message: text(value.message) ?? '',
    fingerprint: text(value.fingerprint) ?? '',
  };
}

function readDivergence(value: Json): DivergenceView {
  return {
    source: text(value.source) ?? 'replay',
    kind: text(value.kind),
    message: text(value.message) ?? '',
    expected: text(value.expected),
    actual: text(value.actual) ?? text(value.asked),
    expectedSeq: typeof value.expectedSeq === 'number' ? value.expectedSeq : undefined,
  };
}

function readFixtureDatabase(value: Json): FixtureDatabaseView {
  return {
    system: text(value.system) ?? '?',
    database: text(value.database) ?? '?',
    tables: list(value.tables).filter(isJson).map(readFixtureTable),
    notes: list(value.notes)
      .filter(isJson)
      .map((note) => ({
        seq: typeof note.seq === 'number' ? note.seq : null,
        kind: text(note.kind) ?? 'note',
        message: text(note.message) ?? '',
      })),
  };
}

function readFixtureTable(value: Json): FixtureTableView {
  const rows = list(value.rows)
    .filter(isJson)
    .map((row) => ({
      values: (isJson(row.values) ? row.values : {}) as Record<string, EncodedValue>,
      from: numbers(row.from),
      placeholders: list(row.placeholders).filter((name): name is string => typeof name === 'string'),
    }));
  const declared = list(value.columns)
    .filter(isJson)
    .map((column) => text(column.name))
    .filter((name): name is string => name !== undefined);
  // Columns the rows carry but the column list lacks still get shown.
  const columns = [...new Set([...declared, ...rows.flatMap((row) => Object.keys(row.values))])];
  return { name: text(value.name) ?? '?', ddl: text(value.ddl), columns, rows };
}

function startText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (isJson(value)) return JSON.stringify(value);
  return undefined;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function numbers(value: unknown): number[] {
  return list(value).filter((n): n is number => typeof n === 'number');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
