import { type SqlToken, tokenizeSql } from './sql-tokenizer.js';

/** A table a statement names. Unquoted identifiers are folded to lower case; quoted ones kept. */
export interface TableRef {
  schema?: string;
  name: string;
}

/** Words that end a table reference, so they are never taken for an alias or a table. */
const CLAUSE_WORDS = new Set([
  'all',
  'and',
  'as',
  'by',
  'conflict',
  'cross',
  'default',
  'do',
  'except',
  'fetch',
  'for',
  'from',
  'full',
  'group',
  'having',
  'indexed',
  'inner',
  'intersect',
  'into',
  'join',
  'lateral',
  'left',
  'limit',
  'natural',
  'not',
  'offset',
  'on',
  'only',
  'or',
  'order',
  'outer',
  'overriding',
  'returning',
  'right',
  'select',
  'set',
  'stdin',
  'stdout',
  'tablesample',
  'then',
  'union',
  'using',
  'values',
  'when',
  'where',
  'window',
  'with',
]);

/** Words before `(` that open a subquery or a list rather than a function call. */
const NON_CALL_WORDS = new Set([
  'all',
  'and',
  'any',
  'array',
  'as',
  'exists',
  'from',
  'in',
  'join',
  'lateral',
  'not',
  'on',
  'or',
  'select',
  'some',
  'using',
  'values',
  'where',
  'with',
]);

interface Paren {
  call: boolean;
  select: boolean;
}

/**
 * The tables a statement reads or writes: names after FROM (comma lists included), JOIN, INTO,
 * UPDATE, DELETE FROM, USING, TABLE (CREATE/ALTER/DROP/TRUNCATE/LOCK), TRUNCATE and COPY. Names
 * of common table expressions and table functions are left out, and FROM inside EXTRACT(... FROM
 * ...) or `IS DISTINCT FROM` is not taken for a table list. Works across several statements.
 *
 * @example
 * extractTableNames('SELECT * FROM app.users u JOIN "Orders" o ON o.uid = u.id')
 * // → [{ schema: 'app', name: 'users' }, { name: 'Orders' }]
 */
export function extractTableNames(sql: string): TableRef[] {
  const tokens = tokenizeSql(sql);
  const found = new Map<string, TableRef>();
  const add = (ref: TableRef | undefined) => {
    if (ref) found.set(ref.schema === undefined ? ref.name : `${ref.schema}.${ref.name}`, ref);
  };
  const parens: Paren[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as SqlToken;
    if (token.kind === 'punct') {
      if (token.text === '(') parens.push({ call: isCall(tokens[i - 1]), select: false });
      else if (token.text === ')') parens.pop();
      continue;
    }
    if (token.kind !== 'word') continue;
    switch (token.text.toLowerCase()) {
      case 'select': {
        const top = parens[parens.length - 1];
        if (top) top.select = true;
        break;
      }
      case 'from':
        if (isTableFrom(tokens, i, parens)) readTableList(tokens, i + 1, add);
        break;
      case 'join':
      case 'into':
        add(readTableRef(tokens, i + 1, token.text.toLowerCase() === 'into').ref);
        break;
      case 'update':
        if (isUpdateStatement(tokens, i)) add(readTableRef(tokens, i + 1, true).ref);
        break;
      case 'table':
        // TRUNCATE [TABLE] a, b is read as a list below.
        if (!isWord(tokens[i - 1], 'truncate')) add(readTableRef(tokens, i + 1, true).ref);
        break;
      case 'copy':
        add(readTableRef(tokens, i + 1, true).ref);
        break;
      case 'truncate':
        readTableList(tokens, isWord(tokens[i + 1], 'table') ? i + 2 : i + 1, add);
        break;
      case 'using':
        if (!isPunct(tokens[i + 1], '(')) readTableList(tokens, i + 1, add);
        break;
    }
  }
  const cteNames = commonTableExpressionNames(tokens);
  return [...found.values()].filter(
    (ref) => ref.schema !== undefined || !cteNames.has(ref.name.toLowerCase()),
  );
}

function isPunct(token: SqlToken | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}

function isWord(token: SqlToken | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.text.toLowerCase());
}

function isCall(previous: SqlToken | undefined): boolean {
  if (!previous) return false;
  if (previous.kind === 'quoted') return true;
  return previous.kind === 'word' && !NON_CALL_WORDS.has(previous.text.toLowerCase());
}

/** FROM inside a function call (EXTRACT, SUBSTRING, TRIM) or after IS [NOT] DISTINCT is no table list. */
function isTableFrom(tokens: SqlToken[], index: number, parens: Paren[]): boolean {
  if (isWord(tokens[index - 1], 'distinct') && isWord(tokens[index - 2], 'is', 'not')) return false;
  const top = parens[parens.length - 1];
  return !top?.call || top.select;
}

/** Leaves out `FOR UPDATE`, `FOR NO KEY UPDATE`, `ON CONFLICT DO UPDATE SET`, `ON DUPLICATE KEY UPDATE`. */
function isUpdateStatement(tokens: SqlToken[], index: number): boolean {
  if (isWord(tokens[index - 1], 'for', 'key', 'do')) return false;
  return !isWord(tokens[index + 1], 'set');
}

function isName(token: SqlToken | undefined): token is SqlToken {
  if (!token) return false;
  if (token.kind === 'quoted') return true;
  return token.kind === 'word' && !CLAUSE_WORDS.has(token.text.toLowerCase());
}

function identifier(token: SqlToken): string {
  return token.kind === 'quoted' ? token.text : token.text.toLowerCase();
}

/**
 * Reads `[ONLY] [IF [NOT] EXISTS] [OR <word>] name[.name[.name]]` at `index`. A name followed by
 * `(` is a function call unless `allowColumnList` (INSERT INTO t (a, b), CREATE TABLE t (...)).
 */
function readTableRef(
  tokens: SqlToken[],
  index: number,
  allowColumnList: boolean,
): { ref: TableRef | undefined; next: number } {
  let i = index;
  for (;;) {
    if (isWord(tokens[i], 'only')) i++;
    else if (isWord(tokens[i], 'if') && isWord(tokens[i + 1], 'not') && isWord(tokens[i + 2], 'exists'))
      i += 3;
    else if (isWord(tokens[i], 'if') && isWord(tokens[i + 1], 'exists')) i += 2;
    else if (isWord(tokens[i], 'or') && tokens[i + 1]?.kind === 'word') i += 2;
    else break;
  }
  const parts: string[] = [];
  let token = tokens[i];
  if (!isName(token)) return { ref: undefined, next: i };
  parts.push(identifier(token));
  i++;
  while (isPunct(tokens[i], '.') && (tokens[i + 1]?.kind === 'word' || tokens[i + 1]?.kind === 'quoted')) {
    token = tokens[i + 1] as SqlToken;
    parts.push(identifier(token));
    i += 2;
  }
  if (!allowColumnList && isPunct(tokens[i], '(')) return { ref: undefined, next: i };
  const name = parts[parts.length - 1] as string;
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  return { ref: schema === undefined ? { name } : { schema, name }, next: i };
}

/** Reads `ref [[AS] alias [(columns)]] [, ref ...]`. */
function readTableList(tokens: SqlToken[], index: number, add: (ref: TableRef | undefined) => void): void {
  let i = index;
  for (;;) {
    const { ref, next } = readTableRef(tokens, i, false);
    if (!ref) return;
    add(ref);
    i = next;
    if (isWord(tokens[i], 'as')) i++;
    if (isName(tokens[i])) i++;
    if (isPunct(tokens[i], '(')) i = skipParens(tokens, i);
    if (!isPunct(tokens[i], ',')) return;
    i++;
  }
}

function skipParens(tokens: SqlToken[], index: number): number {
  let depth = 0;
  for (let i = index; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i + 1;
  }
  return tokens.length;
}

/** `WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (`, and each `, name ... AS (` after it. */
function commonTableExpressionNames(tokens: SqlToken[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as SqlToken;
    if (token.kind !== 'word' && token.kind !== 'quoted') continue;
    const before = tokens[i - 1];
    if (!isWord(before, 'with', 'recursive') && !isPunct(before, ',')) continue;
    let j = i + 1;
    if (isPunct(tokens[j], '(')) j = skipParens(tokens, j);
    if (!isWord(tokens[j], 'as')) continue;
    j++;
    if (isWord(tokens[j], 'not')) j++;
    if (isWord(tokens[j], 'materialized')) j++;
    if (isPunct(tokens[j], '(')) names.add(identifier(token).toLowerCase());
  }
  return names;
}
