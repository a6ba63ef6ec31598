/**
 * A light SQL tokenizer: enough structure to find table names, never a parser. It knows the
 * lexical forms of PostgreSQL and SQLite well enough not to mistake the inside of a string,
 * comment or quoted identifier for SQL, and it never throws on malformed input.
 */

/** `word`: unquoted identifier or keyword; `quoted`: quoted identifier; `punct`: ( ) , . ; */
export type SqlTokenKind = 'word' | 'quoted' | 'punct' | 'literal' | 'other';

export interface SqlToken {
  kind: SqlTokenKind;
  /** Words as written; quoted identifiers unescaped; punctuation as itself. */
  text: string;
}

const PUNCTUATION = new Set(['(', ')', ',', '.', ';']);

function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}

function isWordPart(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57) || code === 36;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Splits `sql` into tokens, dropping whitespace and comments. */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  const length = sql.length;
  let i = 0;
  while (i < length) {
    const char = sql[i] as string;
    const code = sql.charCodeAt(i);
    const next = sql[i + 1];
    if (char === ' ' || char === '\n' || char === '\t' || char === '\r' || char === '\f') {
      i++;
    } else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? length : end + 1;
    } else if (char === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (char === "'") {
      i = skipQuoted(sql, i, "'", false);
      tokens.push({ kind: 'literal', text: "'" });
    } else if (char === '"' || char === '`') {
      const end = skipQuoted(sql, i, char, false);
      const closed = end - 1 > i && sql[end - 1] === char;
      tokens.push({ kind: 'quoted', text: unquote(sql.slice(i + 1, closed ? end - 1 : end), char) });
      i = end;
    } else if (char === '[') {
      const close = sql.indexOf(']', i + 1);
      const end = close === -1 ? length : close + 1;
      tokens.push({ kind: 'quoted', text: sql.slice(i + 1, close === -1 ? length : close) });
      i = end;
    } else if (char === '$') {
      i = readDollar(sql, i, tokens);
    } else if (isWordStart(code)) {
      let end = i + 1;
      while (end < length && isWordPart(sql.charCodeAt(end))) end++;
      const word = sql.slice(i, end);
      if (end - i === 1 && sql[end] === "'" && /[eEbBxXnN]/.test(word)) {
        // E'...' (backslash escapes), B'...', X'...', N'...': a string, not an identifier.
        i = skipQuoted(sql, end, "'", word === 'e' || word === 'E');
        tokens.push({ kind: 'literal', text: "'" });
      } else {
        tokens.push({ kind: 'word', text: word });
        i = end;
      }
    } else if (isDigit(code)) {
      let end = i + 1;
      while (end < length && (isWordPart(sql.charCodeAt(end)) || sql[end] === '.')) end++;
      tokens.push({ kind: 'literal', text: sql.slice(i, end) });
      i = end;
    } else if (PUNCTUATION.has(char)) {
      tokens.push({ kind: 'punct', text: char });
      i++;
    } else if (
      (char === '?' || char === ':' || char === '@') &&
      next !== undefined &&
      isWordPart(next.charCodeAt(0))
    ) {
      // ?1, :name, @name: SQLite parameters, whose names must not read as identifiers.
      let end = i + 1;
      while (end < length && isWordPart(sql.charCodeAt(end))) end++;
      tokens.push({ kind: 'other', text: sql.slice(i, end) });
      i = end;
    } else {
      tokens.push({ kind: 'other', text: char });
      i++;
    }
  }
  return tokens;
}

function skipBlockComment(sql: string, start: number): number {
  // PostgreSQL nests block comments; SQLite does not, but nested comments are rare there.
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** Returns the index just past the closing quote; a doubled quote is an escaped one. */
function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (backslashEscapes && char === '\\') {
      i += 2;
    } else if (char === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return sql.length;
}

function unquote(body: string, quote: string): string {
  return body.split(quote + quote).join(quote);
}

/** `$1` is a parameter; `$tag$...$tag$` and `$$...$$` are dollar-quoted strings. */
function readDollar(sql: string, start: number, tokens: SqlToken[]): number {
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(start, start + 64));
  if (match) {
    const delimiter = match[0];
    const close = sql.indexOf(delimiter, start + delimiter.length);
    tokens.push({ kind: 'literal', text: '$' });
    return close === -1 ? sql.length : close + delimiter.length;
  }
  let end = start + 1;
  while (end < sql.length && isDigit(sql.charCodeAt(end))) end++;
  tokens.push({ kind: 'other', text: sql.slice(start, Math.max(end, start + 1)) });
  return Math.max(end, start + 1);
}
