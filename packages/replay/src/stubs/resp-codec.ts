/**
 * The Redis wire protocol (RESP2 and RESP3) as the stub needs it: parsing the commands clients
 * send (arrays of bulk strings, or inline commands) and encoding replies. Pure; no sockets.
 */

/** The protocol a connection speaks: RESP2 unless the client sent `HELLO 3`. */
export type RespProtocol = 2 | 3;

/** A reply; RESP3-only types are sent as their RESP2 equivalents to RESP2 clients. */
export type RespValue =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: number | bigint }
  | { type: 'bulk'; value: Uint8Array | string }
  | { type: 'null' }
  | { type: 'array'; items: RespValue[] }
  | { type: 'map'; entries: [RespValue, RespValue][] }
  | { type: 'set'; items: RespValue[] }
  | { type: 'double'; value: number }
  | { type: 'boolean'; value: boolean };

/** Malformed client input: the connection cannot be parsed any further. */
export class RespProtocolError extends Error {
  override readonly name = 'RespProtocolError';
}

const CRLF = Buffer.from('\r\n');
/** Bulk strings beyond Redis' own `proto-max-bulk-len`. */
const MAX_BULK = 512 * 1024 * 1024;

/**
 * Splits a client's byte stream into commands; keeps an incomplete command until the rest arrives.
 *
 * @example
 * const parser = new RespCommandParser();
 * parser.push(Buffer.from('*2\r\n$3\r\nGET\r\n$1\r\nk\r\n')); // [[<GET>, <k>]]
 */
export class RespCommandParser {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Buffer[][] {
    this.buffer = this.buffer.byteLength ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const commands: Buffer[][] = [];
    for (;;) {
      const parsed = this.buffer[0] === 0x2a ? this.parseArray() : this.parseInline();
      if (parsed === undefined) break;
      this.buffer = this.buffer.subarray(parsed.end);
      if (parsed.argv.length) commands.push(parsed.argv);
      if (!this.buffer.byteLength) break;
    }
    return commands;
  }

  private parseArray(): { argv: Buffer[]; end: number } | undefined {
    const header = this.line(0);
    if (!header) return undefined;
    const count = integer(header.text.slice(1), 'multibulk length');
    const argv: Buffer[] = [];
    let at = header.end;
    for (let i = 0; i < count; i++) {
      const bulk = this.line(at);
      if (!bulk) return undefined;
      if (!bulk.text.startsWith('$'))
        throw new RespProtocolError(`expected '$', got '${bulk.text[0] ?? ''}'`);
      const length = integer(bulk.text.slice(1), 'bulk length');
      if (length > MAX_BULK) throw new RespProtocolError('invalid bulk length');
      const start = bulk.end;
      if (this.buffer.byteLength < start + length + 2) return undefined;
      argv.push(Buffer.from(this.buffer.subarray(start, start + length)));
      at = start + length + 2;
    }
    return { argv, end: at };
  }

  /** `PING\r\n`, as typed into telnet or `redis-cli` piping. */
  private parseInline(): { argv: Buffer[]; end: number } | undefined {
    const line = this.line(0);
    if (!line) return undefined;
    const argv = line.text
      .split(/\s+/)
      .filter((word) => word !== '')
      .map((word) => Buffer.from(word));
    return { argv, end: line.end };
  }

  private line(from: number): { text: string; end: number } | undefined {
    const newline = this.buffer.indexOf(0x0a, from);
    if (newline < 0) {
      if (this.buffer.byteLength - from > 64 * 1024) throw new RespProtocolError('too big inline request');
      return undefined;
    }
    const stop = newline > from && this.buffer[newline - 1] === 0x0d ? newline - 1 : newline;
    return { text: this.buffer.subarray(from, stop).toString('latin1'), end: newline + 1 };
  }
}

function integer(text: string, what: string): number {
  if (!/^-?\d+$/.test(text)) throw new RespProtocolError(`invalid ${what}`);
  return Number(text);
}

/** Encodes a reply for a client speaking `protocol`. */
export function encodeResp(value: RespValue, protocol: RespProtocol): Buffer {
  const parts: Buffer[] = [];
  write(value, protocol, parts);
  return Buffer.concat(parts);
}

function write(value: RespValue, protocol: RespProtocol, out: Buffer[]): void {
  switch (value.type) {
    case 'simple':
      line(out, `+${oneLine(value.value)}`);
      return;
    case 'error':
      line(out, `-${oneLine(value.value)}`);
      return;
    case 'integer':
      line(out, `:${value.value}`);
      return;
    case 'bulk': {
      const bytes = typeof value.value === 'string' ? Buffer.from(value.value) : Buffer.from(value.value);
      line(out, `$${bytes.byteLength}`);
      out.push(bytes, CRLF);
      return;
    }
    case 'null':
      line(out, protocol === 3 ? '_' : '$-1');
      return;
    case 'array':
      aggregate(out, '*', value.items, protocol);
      return;
    case 'set':
      aggregate(out, protocol === 3 ? '~' : '*', value.items, protocol);
      return;
    case 'map':
      if (protocol === 2) {
        aggregate(out, '*', value.entries.flat(), protocol);
        return;
      }
      line(out, `%${value.entries.length}`);
      for (const [key, item] of value.entries) {
        write(key, protocol, out);
        write(item, protocol, out);
      }
      return;
    case 'double':
      if (protocol === 2) {
        write({ type: 'bulk', value: doubleText(value.value) }, protocol, out);
        return;
      }
      line(out, `,${doubleText(value.value)}`);
      return;
    case 'boolean':
      line(out, protocol === 2 ? `:${value.value ? 1 : 0}` : `#${value.value ? 't' : 'f'}`);
      return;
  }
}

function aggregate(out: Buffer[], prefix: string, items: readonly RespValue[], protocol: RespProtocol): void {
  line(out, `${prefix}${items.length}`);
  for (const item of items) write(item, protocol, out);
}

function line(out: Buffer[], text: string): void {
  out.push(Buffer.from(`${text}\r\n`));
}

/** Simple strings and errors cannot hold line breaks. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function doubleText(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return String(value);
}
