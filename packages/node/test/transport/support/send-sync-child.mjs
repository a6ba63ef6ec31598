// Runs in a child process: queues one package, persists another with sendSync as a dying process
// would, then exits at once, so no later tick can finish anything asynchronously.
import { createTransport } from '../../../dist/transport/create-transport.js';

const { FB_DSN, FB_OUTPUT_DIR, FB_SPOOL_DIR, FB_QUEUED, FB_FATAL } = process.env;
const transport = createTransport({
  dsn: new URL(FB_DSN),
  outputDir: FB_OUTPUT_DIR,
  spoolDir: FB_SPOOL_DIR,
  service: 'send-sync-child',
});
transport.send(JSON.parse(FB_QUEUED));
transport.sendSync(JSON.parse(FB_FATAL));
process.exit(1);
