import { describe, expect, it } from 'vitest';
import { capJson, resultText } from '../src/output-caps.js';
import { packagePart } from '../src/package-parts.js';
import { demoPackage } from './support/demo-packages.js';

describe('capJson', () => {
  it('cuts long strings, long arrays and deep nesting, saying how much was left out', () => {
    const capped = capJson(
      { text: 'x'.repeat(12), rows: [1, 2, 3, 4], deep: { a: { b: { c: 1 } } } },
      { maxString: 5, maxItems: 2, maxDepth: 3 },
    );
    expect(capped).toEqual({
      text: 'xxxxx… [7 more characters]',
      rows: [1, 2, '… 2 more items'],
      deep: { a: { b: '{… nested object}' } },
    });
  });

  it('leaves values within the limits untouched', () => {
    const value = { a: [1, 'two', null, true], b: { c: 'short' } };
    expect(capJson(value)).toEqual(value);
  });
});

describe('resultText', () => {
  it('cuts an answer above the limit and says how to get less', () => {
    const text = resultText({ blob: 'y'.repeat(500) }, 100);
    expect(text.slice(0, 100)).toBe(JSON.stringify({ blob: 'y'.repeat(500) }, null, 1).slice(0, 100));
    expect(text).toMatch(/… \[answer cut: \d+ more characters; ask for a narrower part\]$/);
  });
});

describe('packagePart', () => {
  const pkg = demoPackage('bug7-duplicate-payments');
  const page = { offset: 0, limit: 25 };

  it('summarises the error, the request and one line per IO event', () => {
    const summary = packagePart(pkg, 'summary', page) as {
      error: { type: string };
      trigger: string;
      timeline: string[];
    };
    expect(summary.error.type).toBe('RangeError');
    expect(summary.trigger).toBe('POST /checkout');
    expect(summary.timeline).toHaveLength(pkg.timeline.length);
    expect(summary.timeline[0]).toMatch(
      /^#\d+ db (postgresql|sqlite) SELECT .* → \d+ rows? \[ok, [\d.]+ ms\]$/,
    );
  });

  it('pages the timeline and points at the next page', () => {
    const first = packagePart(pkg, 'timeline', { offset: 0, limit: 3 }) as {
      events: unknown[];
      more?: string;
    };
    expect(first.events).toHaveLength(3);
    expect(first.more).toBe(
      `${pkg.timeline.length - 3} more events: call get_package with part "timeline" and offset 3`,
    );
    const last = packagePart(pkg, 'timeline', { offset: 3, limit: 3 }) as {
      events: unknown[];
      more?: string;
    };
    expect(last.events).toHaveLength(pkg.timeline.length - 3);
    expect(last.more).toBeUndefined();
  });

  it('keeps at most 10 rows of a query, with the count of the rest', () => {
    const many = demoPackage('bug7-duplicate-payments');
    const db = many.timeline.find((e) => e.type === 'db' && e.rows && e.rows.length > 0);
    if (db?.type !== 'db' || !db.rows?.[0]) throw new Error('bug 7 has a query with rows');
    db.rows = Array.from({ length: 40 }, () => db.rows?.[0] ?? []);
    const part = packagePart(many, 'timeline', page) as { events: { seq: number; rows?: unknown[] }[] };
    const rows = part.events.find((e) => e.seq === db.seq)?.rows;
    expect(rows).toHaveLength(11);
    expect(rows?.[10]).toBe('… 30 more items');
  });

  it('returns the locals of each frame that has them, and the error without them', () => {
    const locals = packagePart(pkg, 'locals', page) as { frames: { function: string; locals: object }[] };
    expect(locals.frames.length).toBe(pkg.error.frames.filter((f) => f.locals).length);
    const error = packagePart(pkg, 'error', page) as { error: { frames: object[] } };
    expect(error.error.frames.every((f) => !('locals' in f))).toBe(true);
  });
});
