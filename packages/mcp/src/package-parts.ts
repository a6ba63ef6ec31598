/**
 * The parts of an error package a tool can return on their own, each capped for an agent's
 * context. Pure: a function of the package and the page asked for.
 */
import type { ErrorInfo, ErrorPackage, Frame } from '@flashback/protocol/types';
import { type CapLimits, capJson } from './output-caps.js';

export const PACKAGE_PARTS = ['summary', 'timeline', 'locals', 'request', 'error', 'environment'] as const;
export type PackagePart = (typeof PACKAGE_PARTS)[number];

/** Timeline events per page by default, and at most. */
export const TIMELINE_PAGE = 25;
export const TIMELINE_PAGE_MAX = 100;

/** Per event: a few rows of a query, the start of each body. */
const EVENT_CAPS: CapLimits = { maxString: 1_000, maxItems: 10, maxDepth: 6 };

export interface TimelinePage {
  offset: number;
  limit: number;
}

export function packagePart(pkg: ErrorPackage, part: PackagePart, page: TimelinePage): unknown {
  switch (part) {
    case 'summary':
      return packageSummary(pkg);
    case 'timeline':
      return timelinePage(pkg, page);
    case 'locals':
      return localsPart(pkg);
    case 'request':
      return { trigger: pkg.trigger, mechanism: pkg.mechanism };
    case 'error':
      return { fingerprint: pkg.fingerprint, mechanism: pkg.mechanism, error: withoutLocals(pkg.error) };
    case 'environment':
      return {
        service: pkg.service,
        sdk: pkg.sdk,
        runtime: pkg.runtime,
        redactions: pkg.redactions,
        ...(pkg.dropped ? { dropped: pkg.dropped } : {}),
      };
  }
}

/** What the package is about in a screenful: the error, the request, and one line per IO event. */
function packageSummary(pkg: ErrorPackage) {
  const innermost = pkg.error.frames.find((f) => f.inApp) ?? pkg.error.frames[0];
  return {
    id: pkg.id,
    capturedAt: pkg.capturedAt,
    service: pkg.service,
    error: {
      type: pkg.error.type,
      message: pkg.error.message,
      ...(innermost ? { at: `${innermost.function} (${innermost.module}:${innermost.line ?? '?'})` } : {}),
    },
    trigger:
      pkg.trigger?.kind === 'http'
        ? `${pkg.trigger.method} ${pkg.trigger.url}`
        : pkg.trigger
          ? `job ${pkg.trigger.name}`
          : null,
    timeline: pkg.timeline.map(eventLine),
    parts: 'ask for part timeline, locals, request, error or environment for the details',
  };
}

/** One line per event: `#3 db postgresql SELECT … → 1 row (2.1 ms)`. */
export function eventLine(event: ErrorPackage['timeline'][number]): string {
  const took = event.durationMs === null ? 'pending' : `${event.durationMs.toFixed(1)} ms`;
  const failed = event.error
    ? ` ✗ ${event.error.code ?? event.error.name ?? 'error'}: ${event.error.message}`
    : '';
  let what: string;
  switch (event.type) {
    case 'db': {
      const rows = event.rowCount ?? event.rows?.length ?? event.changes;
      what = `db ${event.system} ${oneLine(event.statement, 120)} → ${rows === undefined ? '?' : rows} row${rows === 1 ? '' : 's'}`;
      break;
    }
    case 'http':
      what = `http ${event.method} ${event.url} → ${event.status ?? event.outcome}`;
      break;
    case 'redis':
      what = `redis ${event.command} ${oneLine(JSON.stringify(event.args), 80)}`;
      break;
    case 'clock':
    case 'random':
      what = `${event.type} ${event.source}`;
      break;
  }
  return `#${event.seq} ${what} [${event.outcome}, ${took}]${failed}`;
}

function timelinePage(pkg: ErrorPackage, page: TimelinePage) {
  const total = pkg.timeline.length;
  const events = pkg.timeline.slice(page.offset, page.offset + page.limit);
  const next = page.offset + events.length;
  return {
    total,
    offset: page.offset,
    events: events.map((event) => capJson(event, EVENT_CAPS)),
    ...(next < total
      ? { more: `${total - next} more events: call get_package with part "timeline" and offset ${next}` }
      : {}),
    ...(pkg.dropped?.timelineEvents ? { droppedAtCapture: pkg.dropped.timelineEvents } : {}),
  };
}

/** Frames that carry locals, innermost first, with the error they belong to. */
function localsPart(pkg: ErrorPackage) {
  const frames: (Pick<Frame, 'function' | 'module' | 'line' | 'inApp' | 'locals'> & { error: string })[] = [];
  for (let error: ErrorInfo | undefined = pkg.error; error; error = error.cause) {
    for (const frame of error.frames) {
      if (!frame.locals) continue;
      const { function: fn, module, line, inApp, locals } = frame;
      frames.push({ error: `${error.type}: ${error.message}`, function: fn, module, line, inApp, locals });
    }
  }
  return frames.length > 0 ? { frames } : { frames, note: 'no frame of this package has locals' };
}

function withoutLocals(error: ErrorInfo): ErrorInfo {
  return {
    ...error,
    frames: error.frames.map(({ locals: _locals, ...frame }) => frame),
    ...(error.cause ? { cause: withoutLocals(error.cause) } : {}),
  };
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
