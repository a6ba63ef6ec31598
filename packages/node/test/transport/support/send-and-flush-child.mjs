// Runs in a child process (so NODE_EXTRA_CA_CERTS applies): sends one package, flushes, and
// reports the outcome through the exit code.
import { createTransport } from '../../../dist/transport/create-transport.js';

const { FB_DSN, FB_SPOOL_DIR, FB_PACKAGE } = process.env;
const transport = createTransport({
  dsn: new URL(FB_DSN),
  outputDir: undefined,
  spoolDir: FB_SPOOL_DIR,
  service: 'tls',
});
transport.send(JSON.parse(FB_PACKAGE));
const flushed = await transport.flush(5000);
const closed = await transport.close(1000);
process.exit(flushed && closed ? 0 : 2);
