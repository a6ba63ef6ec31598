/** How the `trace` commands print actions and hits as text. */
import type { StoredTracingHit, TracingActionRecord } from '@flashback/server';
import { formatCapturedValue } from './trace-value-format.js';

/** The action as people see it over the API (the project is implied). */
export type TracingActionView = Omit<TracingActionRecord, 'projectId'>;

export function describePlaced(action: TracingActionView): string {
  const what = action.kind === 'log' ? `log "${action.template ?? ''}"` : 'snapshot';
  const condition = action.condition ? ` if ${action.condition}` : '';
  return [
    `Placed ${what} at ${where(action)}${condition} in ${action.service}: ${action.id}`,
    `  up to ${action.maxHits} hit(s), until ${action.expiresAt}`,
    `  follow it: flashback trace hits ${action.id} --follow`,
    '',
  ].join('\n');
}

export function actionLine(action: TracingActionView): string {
  const state = action.status.reason
    ? `${action.status.state} (${action.status.reason})`
    : action.status.state;
  return [action.id, action.kind, action.service, where(action), `${action.hitCount} hit(s)`, state].join(
    '\t',
  );
}

export function hitText(hit: StoredTracingHit): string {
  const head = `[${hit.at} ${hit.instance}]`;
  switch (hit.kind) {
    case 'log':
      return `${head} ${hit.message}\n`;
    case 'status':
      return `${head} ${hit.state}: ${hit.reason}\n`;
    case 'snapshot': {
      const lines = [`${head} snapshot, paused ${hit.pauseMs} ms`];
      for (const frame of hit.frames) {
        lines.push(`  at ${frame.function || '<anonymous>'} (${frame.file}:${frame.line}:${frame.column})`);
        for (const [name, value] of Object.entries(frame.locals ?? {})) {
          lines.push(`    ${name} = ${formatCapturedValue(value).replaceAll('\n', '\n      ')}`);
        }
      }
      return `${lines.join('\n')}\n`;
    }
  }
}

function where(action: TracingActionView): string {
  return `${action.location.file}:${action.location.line}`;
}
