// A collector in its own process, so the durability test can SIGKILL it: the built server on the
// SQLite file under DATA_DIR, listening on PORT.
import { startServer } from '../../dist/index.js';

const server = await startServer({ port: Number(process.env.PORT), dataDir: process.env.DATA_DIR });
process.stdout.write(`listening ${server.url}\n`);
