/** Small HTTP helpers shared by the stand-in servers. */

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * Parses a JSON request body; throws a readable error for anything else.
 * @param {import('node:http').IncomingMessage} req
 */
export async function readJson(req) {
  const raw = (await readBody(req)).toString('utf8');
  try {
    return raw === '' ? undefined : JSON.parse(raw);
  } catch {
    throw new Error('request body is not valid JSON');
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} payload
 */
export function sendJson(res, status, payload) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
}

/**
 * Listens on 127.0.0.1 and resolves with the bound port.
 * @param {import('node:http').Server} server
 * @param {number} port 0 for any free port
 * @returns {Promise<number>}
 */
export function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
