// Runs in a child process: sends one package, flushes with a short timeout as an app does on
// shutdown, then does nothing else, so the process should end whatever state the delivery is in.
import { createTransport } from '../../../dist/transport/create-transport.js';

const { FB_DSN, FB_SPOOL_DIR, FB_PACKAGE } = process.env;
const transport = createTransport({
  dsn: new URL(FB_DSN),
  outputDir: undefined,
  spoolDir: FB_SPOOL_DIR,
  service: 'x',
});
transport.send(JSON.parse(FB_PACKAGE));
await transport.flush(300);
