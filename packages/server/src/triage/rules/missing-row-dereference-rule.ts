/**
 * `missing-row-dereference`: a query came back empty, and the code then read a property of the row
 * it assumed it had ("Cannot read properties of undefined (reading 'blocked')"). The link between
 * the two is checked, not assumed: the property must be one of the query's columns, or a local
 * variable named after the queried table must be the undefined/null the code tripped on.
 */
import type { DbEvent, EncodedValue, ErrorPackage } from '@flashback/protocol/types';
import { isTagged } from '@flashback/protocol/values';
import { type Dereference, findDereference } from '../support/dereference-message.js';
import { roundConfidence } from '../support/error-link.js';
import { contextOf, type IoEvent } from '../support/package-context.js';
import { returnedNoRow, selectedColumns, tableOf, whereEqualities } from '../support/sql-shape.js';
import type { TriageRule } from '../types.js';

const BOTH = 0.95;
const COLUMN_ONLY = 0.88;
const LOCAL_ONLY = 0.82;
const LATER_FAILURE = 0.1;
const MAX_CONDITIONS = 3;

/** Explains a null dereference by the query that found no row. */
export const missingRowDereferenceRule: TriageRule = {
  id: 'missing-row-dereference',
  explain(pkg) {
    const ctx = contextOf(pkg);
    const deref = findDereference(ctx.errors);
    if (!deref) return undefined;
    let best: { event: DbEvent; local: string | undefined; confidence: number } | undefined;
    for (const event of ctx.io) {
      if (event.type !== 'db' || !returnedNoRow(event)) continue;
      const column = selectedColumns(event, pkg.schemas).has(deref.property);
      const local = nullishLocalFor(pkg, event, deref);
      if (!column && !local) continue;
      const linked = column && local ? BOTH : column ? COLUMN_ONLY : LOCAL_ONLY;
      // A call that failed after the empty query is the likelier source of the undefined (bug 1: a
      // refused charge leaves `charge` undefined too); yield to the rule that explains that call.
      const confidence = failedAfter(ctx.io, event.seq) ? roundConfidence(linked - LATER_FAILURE) : linked;
      // Later queries win ties: the empty result nearest the throw is the one the code used.
      if (!best || confidence >= best.confidence) best = { event, local, confidence };
    }
    if (!best) return undefined;
    return {
      kind: 'missing-row-dereference',
      summary: summarize(best.event, deref, best.local),
      evidence: [best.event.seq],
      confidence: best.confidence,
    };
  },
};

function failedAfter(io: readonly IoEvent[], seq: number): boolean {
  return io.some(
    (e) =>
      e.seq > seq &&
      (e.outcome !== 'ok' || e.error !== undefined || (e.type === 'http' && (e.status ?? 0) >= 400)),
  );
}

/** A local of an in-app frame that is undefined/null and named after a table the query read. */
function nullishLocalFor(pkg: ErrorPackage, event: DbEvent, deref: Dereference): string | undefined {
  const stems = tableStems(event);
  // V8 names the destructured expression; a plain variable name links the row like a table name does.
  if (
    deref.expression &&
    /^[\w$]+$/.test(deref.expression) &&
    !/^(?:undefined|null)$/.test(deref.expression)
  ) {
    stems.push(normalize(deref.expression));
  }
  for (const frame of pkg.error.frames) {
    if (!frame.inApp || !frame.locals) continue;
    for (const [name, value] of Object.entries(frame.locals)) {
      if (!isNullish(value, deref.nullish)) continue;
      const key = normalize(name);
      if (stems.some((stem) => stem.length >= 3 && key.includes(stem))) return name;
    }
  }
  return undefined;
}

function tableStems(event: DbEvent): string[] {
  const tables = new Set<string>();
  const first = tableOf(event);
  if (first) tables.add(first);
  for (const field of event.fields ?? []) if (field.table) tables.add(field.table);
  const stems: string[] = [];
  for (const table of tables) {
    const name = normalize(table);
    stems.push(
      name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.endsWith('s') ? name.slice(0, -1) : name,
    );
  }
  return stems;
}

function isNullish(value: EncodedValue, nullish: Dereference['nullish']): boolean {
  return nullish === 'null' ? value === null : isTagged(value) && value.$fb === 'undefined';
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function summarize(event: DbEvent, deref: Dereference, local: string | undefined): string {
  const table = tableOf(event);
  const conditions = whereEqualities(event)
    .slice(0, MAX_CONDITIONS)
    .map(({ column, value }) => `${column} = ${formatValue(value)}`)
    .join(' and ');
  const found = `${table ? `The ${table} query` : 'A query'} ${conditions ? `found no row for ${conditions}` : 'returned no row'}`;
  const verb = deref.access === 'set' ? 'wrote' : deref.access === 'destructure' ? 'destructured' : 'read';
  const prep = deref.access === 'set' ? 'on' : deref.access === 'destructure' ? 'from' : 'of';
  const because = local ? ` (${local} is ${deref.nullish})` : '';
  return `${found}, and the code then ${verb} '${deref.property}' ${prep} ${deref.nullish}${because}`;
}

function formatValue(value: EncodedValue | undefined): string {
  if (value === undefined) return '?';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 39)}…` : value}'`;
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
