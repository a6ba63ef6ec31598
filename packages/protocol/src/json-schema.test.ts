import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorPackageSchema } from './schema.js';

const schemaFile = new URL('../schema/error-package.schema.json', import.meta.url);
const published = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown> & {
  $defs: Record<string, { properties?: Record<string, unknown> }>;
  properties: Record<string, unknown>;
};

describe('schema/error-package.schema.json', () => {
  it('is a draft 2020-12 schema with its public id and a title', () => {
    expect(published.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(published.$id).toBe('https://flashback.dev/schema/error-package-1.json');
    expect(published.title).toContain('flashback.error-package/1');
  });

  it('describes the recursive cause chain through a named definition', () => {
    expect(published.properties.error).toEqual({ $ref: '#/$defs/ErrorInfo' });
    expect(published.$defs.ErrorInfo?.properties?.cause).toEqual({ $ref: '#/$defs/ErrorInfo' });
  });

  it('matches the zod definitions (run npm run schema after changing schema.ts)', () => {
    const { $schema: _s, $id: _i, title: _t, description: _d, ...body } = published;
    const { $schema: _gs, ...generated } = z.toJSONSchema(ErrorPackageSchema, {
      target: 'draft-2020-12',
      io: 'input',
    });
    expect(body).toEqual(generated);
  });
});
