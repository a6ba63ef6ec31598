#!/usr/bin/env node
// A committed entry (executable in git) so `npx flashback` works right after `npm ci`, before
// the build: it loads the compiled command and says what to do when there is none yet.
try {
  await import('../dist/bin.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write('flashback is not built yet: run `npm run build` at the repository root\n');
    process.exit(2);
  }
  throw error;
}
