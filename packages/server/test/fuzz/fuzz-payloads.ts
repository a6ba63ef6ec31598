import { gzipSync } from 'node:zlib';
import { type ErrorPackage, validatePackage } from '@flashback/protocol';
import { buildSamplePackage } from '../../../protocol/src/test-fixtures/sample-package.js';
import type { SeededRandom } from './seeded-random.js';

export type PayloadKind =
  | 'malformed'
  | 'truncated'
  | 'oversized'
  | 'deeply-nested'
  | 'wrong-typed'
  | 'wrong-key'
  | 'wrong-envelope';

/** One request the fuzz test sends; every one of them must be refused with a 4xx. */
export interface FuzzPayload {
  kind: PayloadKind;
  /** What was done to it, for the failure message. */
  label: string;
  project: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface FuzzLimits {
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  maxPackagesPerRequest: number;
  maxJsonDepth: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const WRONG_VALUES: readonly Json[] = [123, -1.5, 'text', '', true, null, [], {}, [1, 'a'], { x: 1 }];

/** How many of each kind: more than 1,000 in all. */
const PLAN: Readonly<Record<PayloadKind, number>> = {
  malformed: 160,
  truncated: 160,
  oversized: 90,
  'deeply-nested': 140,
  'wrong-typed': 420,
  'wrong-key': 140,
  'wrong-envelope': 110,
};

/** Generates the payloads for `key` and `project`, the same ones for the same seed. */
export function generatePayloads(
  random: SeededRandom,
  key: string,
  project: string,
  limits: FuzzLimits,
): FuzzPayload[] {
  const g = new Generator(random, key, project, limits);
  const out: FuzzPayload[] = [];
  for (const [kind, count] of Object.entries(PLAN) as [PayloadKind, number][]) {
    for (let i = 0; i < count; i++) out.push(g.make(kind));
  }
  return out;
}

class Generator {
  constructor(
    private readonly r: SeededRandom,
    private readonly key: string,
    private readonly project: string,
    private readonly limits: FuzzLimits,
  ) {}

  make(kind: PayloadKind): FuzzPayload {
    switch (kind) {
      case 'malformed':
        return this.malformed();
      case 'truncated':
        return this.truncated();
      case 'oversized':
        return this.oversized();
      case 'deeply-nested':
        return this.deeplyNested();
      case 'wrong-typed':
        return this.wrongTyped();
      case 'wrong-key':
        return this.wrongKey();
      case 'wrong-envelope':
        return this.wrongEnvelope();
    }
  }

  private validPackage(): ErrorPackage {
    return buildSamplePackage({ id: this.r.uuid() });
  }

  private batchText(packages: unknown[]): string {
    return JSON.stringify({ packages });
  }

  private payload(kind: PayloadKind, label: string, text: string | Buffer, options: { gzip?: boolean } = {}) {
    const raw = typeof text === 'string' ? Buffer.from(text) : text;
    const gzip = options.gzip ?? this.r.next() < 0.5;
    return {
      kind,
      label,
      project: this.project,
      headers: {
        'content-type': 'application/json',
        'x-flashback-key': this.key,
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      },
      body: gzip ? gzipSync(raw) : raw,
    };
  }

  private malformed(): FuzzPayload {
    const valid = this.batchText([this.validPackage()]);
    const variant = this.r.int(0, 5);
    if (variant === 0) return this.payload('malformed', 'random bytes', this.r.bytes(this.r.int(1, 2000)));
    if (variant === 1) {
      // A structural character swapped for another somewhere in an otherwise valid batch.
      const at = this.r.int(0, valid.length - 1);
      const text = `${valid.slice(0, at)}${this.r.pick(['}', ']', ',', ':', '"', '{{', '\\'])}${valid.slice(at + 1)}`;
      if (isJson(text)) return this.malformed();
      return this.payload('malformed', `character at ${at} replaced`, text);
    }
    if (variant === 2)
      return this.payload('malformed', 'NaN literal', valid.replace('"pid":4821', '"pid":NaN'));
    if (variant === 3) return this.payload('malformed', 'trailing comma', valid.replace(/}]}$/, '},]}'));
    if (variant === 4) return this.payload('malformed', 'single quotes', valid.replaceAll('"', "'"));
    const invalidUtf8 = Buffer.concat([
      Buffer.from(valid.slice(0, 40)),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(valid.slice(40)),
    ]);
    return this.payload('malformed', 'invalid UTF-8', invalidUtf8);
  }

  private truncated(): FuzzPayload {
    const valid = this.batchText([this.validPackage(), this.validPackage()]);
    if (this.r.next() < 0.7) {
      const at = this.r.int(0, valid.length - 2);
      return this.payload('truncated', `JSON cut at ${at} of ${valid.length}`, valid.slice(0, at));
    }
    const gz = gzipSync(Buffer.from(valid));
    const at = this.r.int(1, gz.length - 9);
    return {
      ...this.payload('truncated', 'placeholder', '', { gzip: false }),
      label: `gzip stream cut at ${at} of ${gz.length}`,
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-flashback-key': this.key,
      },
      body: gz.subarray(0, at),
    };
  }

  private oversized(): FuzzPayload {
    const variant = this.r.int(0, 2);
    if (variant === 0) {
      // Larger than the limit on the wire, with a package padded by a long string.
      const pkg = this.validPackage();
      pkg.error.message = 'x'.repeat(this.limits.maxBodyBytes + this.r.int(1, 50_000));
      return this.payload('oversized', 'body above the wire limit', this.batchText([pkg]), { gzip: false });
    }
    if (variant === 1) {
      // A gzip bomb: small on the wire, above the limit once inflated.
      const size = this.limits.maxDecompressedBytes + this.r.int(1, 4) * 256 * 1024;
      const filler = this.r.pick([' ', '[', '0', 'a']);
      return this.payload('oversized', `gzip bomb of ${size} bytes of ${filler}`, filler.repeat(size), {
        gzip: true,
      });
    }
    const count = this.limits.maxPackagesPerRequest + this.r.int(1, 20);
    return this.payload(
      'oversized',
      `${count} packages in one request`,
      this.batchText(Array(count).fill(0)),
      {
        gzip: true,
      },
    );
  }

  private deeplyNested(): FuzzPayload {
    const depth = this.limits.maxJsonDepth + this.r.int(1, 5_000);
    const open = this.r.pick(['[', '{"a":']);
    const close = open === '[' ? ']' : '}';
    const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
    const where = this.r.int(0, 2);
    if (where === 0)
      return this.payload('deeply-nested', `document ${depth} deep`, `{"packages":[${nested}]}`);
    const pkg = this.validPackage();
    const text = JSON.stringify({ packages: [pkg] });
    // Inside a captured value, where any JSON is allowed, so only the depth is wrong.
    const marker = '"amountCents":0';
    const spliced =
      where === 1
        ? text.replace(marker, `"amountCents":${nested}`)
        : text.replace('"redactions":[]', `"redactions":[${nested}]`);
    return this.payload(
      'deeply-nested',
      `value ${depth} deep (${where === 1 ? 'locals' : 'redactions'})`,
      spliced,
    );
  }

  private wrongTyped(): FuzzPayload {
    const count = this.r.int(1, 3);
    const packages: unknown[] = [];
    const labels: string[] = [];
    for (let i = 0; i < count; i++) {
      const { value, label } = this.mutatedPackage();
      packages.push(value);
      labels.push(label);
    }
    return this.payload('wrong-typed', labels.join('; '), this.batchText(packages));
  }

  /** A package with one value replaced by one of another type, or removed; always invalid. */
  private mutatedPackage(): { value: unknown; label: string } {
    for (;;) {
      const pkg = JSON.parse(JSON.stringify(this.validPackage())) as Json;
      const paths = collectPaths(pkg);
      const path = this.r.pick(paths);
      const remove = this.r.next() < 0.2;
      const replacement = this.r.pick(WRONG_VALUES);
      const mutated = setAt(pkg, path, remove ? undefined : replacement);
      // Captured values accept any JSON; a mutation that leaves the package valid is not a test.
      if (!validatePackage(mutated).ok) {
        return {
          value: mutated,
          label: `${path.join('.')} ${remove ? 'removed' : `= ${JSON.stringify(replacement)}`}`,
        };
      }
    }
  }

  private wrongKey(): FuzzPayload {
    const base = this.payload('wrong-key', '', this.batchText([this.validPackage()]));
    const variant = this.r.int(0, 4);
    const headers = { ...base.headers };
    let project = this.project;
    let label: string;
    if (variant === 0) {
      delete (headers as Record<string, string>)['x-flashback-key'];
      label = 'no key';
    } else if (variant === 1) {
      headers['x-flashback-key'] = `fbk_${this.r.bytes(32).toString('hex')}`;
      label = 'random key';
    } else if (variant === 2) {
      headers['x-flashback-key'] = `${this.key.slice(0, -1)}${this.key.endsWith('0') ? '1' : '0'}`;
      label = 'key off by one character';
    } else if (variant === 3) {
      project = this.r.pick(['billing', 'Checkout', 'checkout-', 'x'.repeat(80), '%2e%2e', 'projects']);
      label = `project ${project}`;
    } else {
      delete (headers as Record<string, string>)['x-flashback-key'];
      (headers as Record<string, string>).authorization = `Bearer ${this.key}`;
      label = 'key in the authorization header';
    }
    return { ...base, project, headers, label };
  }

  private wrongEnvelope(): FuzzPayload {
    const pkg = this.validPackage();
    const variant = this.r.int(0, 6);
    if (variant === 0) {
      const body = this.r.pick([
        '[]',
        '"packages"',
        '42',
        'null',
        'true',
        `[${JSON.stringify(pkg)}]`,
        JSON.stringify(pkg),
      ]);
      return this.payload('wrong-envelope', `document ${body.slice(0, 20)}`, body);
    }
    if (variant === 1) {
      const value = this.r.pick(['null', '{}', '"x"', '1', '[]', 'false']);
      return this.payload('wrong-envelope', `packages: ${value}`, `{"packages":${value}}`);
    }
    if (variant === 2) return this.payload('wrong-envelope', 'empty body', '', { gzip: false });
    if (variant === 3) {
      const base = this.payload('wrong-envelope', '', this.batchText([pkg]));
      const type = this.r.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
      ]);
      return { ...base, label: `content-type ${type}`, headers: { ...base.headers, 'content-type': type } };
    }
    if (variant === 4) {
      const base = this.payload('wrong-envelope', '', this.batchText([pkg]), { gzip: false });
      const encoding = this.r.pick(['br', 'deflate', 'compress', 'zstd']);
      return {
        ...base,
        label: `content-encoding ${encoding}`,
        headers: { ...base.headers, 'content-encoding': encoding },
      };
    }
    if (variant === 5) {
      // Claims gzip, sends plain JSON.
      const base = this.payload('wrong-envelope', '', this.batchText([pkg]), { gzip: false });
      return {
        ...base,
        label: 'plain body labelled gzip',
        headers: { ...base.headers, 'content-encoding': 'gzip' },
      };
    }
    return this.payload(
      'wrong-envelope',
      'prototype keys',
      `{"packages":[{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}]}`,
    );
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function collectPaths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collectPaths(item, [...prefix, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) collectPaths(v, [...prefix, k], out);
  return out;
}

function setAt(root: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  let node = root as Record<string | number, Json>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}
