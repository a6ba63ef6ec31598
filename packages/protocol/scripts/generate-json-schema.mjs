#!/usr/bin/env node
/**
 * Writes schema/error-package.schema.json from the zod definitions in src/schema.ts (built to dist).
 * With --check, regenerates in memory and exits 1 when the committed file differs, so a schema change
 * cannot ship without its published JSON Schema.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputFile = join(packageDir, 'schema', 'error-package.schema.json');
const shownPath = relative(packageDir, outputFile);

let schemaModule;
try {
  schemaModule = await import('../dist/schema.js');
} catch (error) {
  console.error(
    `cannot load dist/schema.js (${error.message}): build first with npm run build -w @flashback/protocol`,
  );
  process.exit(1);
}
const { ErrorPackageSchema, PACKAGE_FORMAT } = schemaModule;

// `io: 'input'` describes what validatePackage accepts: unknown properties are allowed (and
// stripped), so packages from newer SDKs with extra fields still validate.
const generated = z.toJSONSchema(ErrorPackageSchema, { target: 'draft-2020-12', io: 'input' });
const { $schema, ...rest } = generated;
const document = {
  $schema,
  $id: 'https://flashback.dev/schema/error-package-1.json',
  title: `Flashback error package (${PACKAGE_FORMAT})`,
  description:
    'One failed request or job as Flashback captured it: trigger, IO timeline, error with locals, environment.',
  ...rest,
};
const text = `${JSON.stringify(document, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const committed = await readFile(outputFile, 'utf8').catch(() => undefined);
  if (committed !== text) {
    console.error(`${shownPath} is out of date: run npm run schema`);
    process.exit(1);
  }
  console.log(`${shownPath} is up to date`);
} else {
  await mkdir(dirname(outputFile), { recursive: true });
  await writeFile(outputFile, text);
  console.log(`wrote ${shownPath}`);
}
