import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_UI_NOT_BUILT = 'the web UI is not built: run npm run build\n';

/** Vite names the files under `assets/` by content hash: a changed file gets a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** `index.html` names the current assets, so browsers check it on every load. */
const REVALIDATE = 'no-cache';
/** The UI loads only its own files and talks only to this collector. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Serves the built web UI (`@flashback/web`'s `dist`) at `/`. The UI uses hash routes, so only the
 * files themselves are served; `/api/*` is untouched. Without a build, `/` says how to make one.
 */
export async function registerWebUi(app: FastifyInstance, options: { webRoot?: string }): Promise<void> {
  const root = options.webRoot ?? builtWebUiDir();
  if (!root || !existsSync(path.join(root, 'index.html'))) {
    app.get('/', (_request, reply) =>
      reply.code(404).type('text/plain; charset=utf-8').send(WEB_UI_NOT_BUILT),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    cacheControl: false,
    setHeaders(reply, file) {
      const inAssets = path.relative(root, file).startsWith(`assets${path.sep}`);
      reply.header('cache-control', inAssets ? IMMUTABLE : REVALIDATE);
      reply.header('x-content-type-options', 'nosniff');
      if (file.endsWith('.html')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    },
  });
}

/** The `dist` of the installed `@flashback/web`, or undefined when the package is not installed. */
function builtWebUiDir(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@flashback/web/package.json');
    return path.join(path.dirname(manifest), 'dist');
  } catch {
    return undefined;
  }
}
