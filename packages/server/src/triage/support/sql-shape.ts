/**
 * Just enough SQL reading for triage: which table a query read, which columns it selected, what its
 * WHERE clause pinned to which parameter, and whether it came back empty. Not a parser: it reads the
 * common shapes and says nothing (undefined, empty) about the rest.
 */
import type { DatabaseSchema, DbEvent, EncodedValue } from '@flashback/protocol/types';

const FROM_TABLE = /\b(?:from|update|into)\s+((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)/i;
const SELECT_LIST = /^\s*select\s+(?:distinct\s+)?([\s\S]+?)\s+from\s/i;
const READ = /^\s*(?:select|with)\b|\breturning\b/i;
const WHERE_TAIL = /\bwhere\b([\s\S]*?)(?:\b(?:order\s+by|group\s+by|limit|returning|for\s+update)\b|$)/i;
const WHERE_KEYWORD = 'where'.length;
const EQUALITY = /([\w$."]+)\s*=\s*(\$(\d+)|\?|[:@]([\w$]+))/g;

/** The first table a statement names (from the driver's field metadata when it gave one). */
export function tableOf(event: DbEvent): string | undefined {
  const fromFields = event.fields?.find((field) => field.table)?.table;
  if (fromFields) return fromFields;
  const match = FROM_TABLE.exec(event.statement)?.[1];
  return match ? unquote(match.split('.').pop() ?? match) : undefined;
}

/** A read (SELECT, WITH, or a write with RETURNING) that completed and returned no row. */
export function returnedNoRow(event: DbEvent): boolean {
  if (event.outcome !== 'ok' || event.error) return false;
  const command = event.command?.toUpperCase();
  if (command && command !== 'SELECT' && !/\breturning\b/i.test(event.statement)) return false;
  if (!command && !READ.test(event.statement)) return false;
  if (event.rows) return event.rows.length === 0 && (event.truncated?.rows ?? 0) === 0;
  return event.rowCount === 0;
}

/**
 * The names a row of this query would have had: the driver's field names (and their source
 * columns), else the SELECT list, with `*` expanded from the recorded DDL.
 */
export function selectedColumns(event: DbEvent, schemas: readonly DatabaseSchema[]): Set<string> {
  const names = new Set<string>();
  if (event.fields?.length) {
    for (const field of event.fields) {
      names.add(field.name);
      if (field.column) names.add(field.column);
    }
    return names;
  }
  const list = SELECT_LIST.exec(event.statement)?.[1] ?? '';
  for (const item of splitTopLevel(list)) {
    if (/(?:^|\.)\*$/.test(item.trim())) {
      const table = tableOf(event);
      for (const column of table ? ddlColumns(schemas, table) : []) names.add(column);
      continue;
    }
    const alias = /(?:\bas\s+|\s)("?[\w$]+"?)\s*$/i.exec(item)?.[1] ?? item.trim().split('.').pop() ?? '';
    if (alias) names.add(unquote(alias));
  }
  return names;
}

/** Column = parameter pairs of the WHERE clause, with the parameter's recorded value. */
export function whereEqualities(event: DbEvent): { column: string; value: EncodedValue | undefined }[] {
  const where = WHERE_TAIL.exec(event.statement);
  if (!where?.[1]) return [];
  const whereStart = where.index;
  const out: { column: string; value: EncodedValue | undefined }[] = [];
  for (const match of where[1].matchAll(EQUALITY)) {
    const column = unquote((match[1] ?? '').split('.').pop() ?? '');
    let value: EncodedValue | undefined;
    if (Array.isArray(event.params)) {
      // `?` placeholders are positional: count the ones before this match in the whole statement.
      const index = match[3]
        ? Number(match[3]) - 1
        : count(event.statement.slice(0, whereStart + WHERE_KEYWORD + (match.index ?? 0)), '?');
      value = event.params[index];
    } else if (match[4]) {
      value = event.params[match[4]];
    }
    out.push({ column, value });
  }
  return out;
}

/** Column names of `table` from a recorded CREATE TABLE. */
function ddlColumns(schemas: readonly DatabaseSchema[], table: string): string[] {
  for (const schema of schemas) {
    const ddl = schema.tables.find((t) => t.name === table)?.ddl;
    if (!ddl) continue;
    return splitTopLevel(tableBody(ddl))
      .map((line) => /^\s*("[^"]+"|[\w$]+)/.exec(line)?.[1] ?? '')
      .filter((name) => name && !/^(?:constraint|primary|unique|check|foreign|key)$/i.test(name))
      .map(unquote);
  }
  return [];
}

/** The text between CREATE TABLE's parentheses, without the indexes that may follow it. */
function tableBody(ddl: string): string {
  const open = ddl.indexOf('(');
  let depth = 0;
  for (let i = open; i >= 0 && i < ddl.length; i++) {
    if (ddl[i] === '(') depth++;
    else if (ddl[i] === ')' && --depth === 0) return ddl.slice(open + 1, i);
  }
  return '';
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

function unquote(name: string): string {
  return name.replace(/^"|"$/g, '');
}
