/**
 * Dynamic tracing, on when the SDK sends to a collector (`FLASHBACK_TRACING=0` turns it off):
 * actions placed with `flashback trace …` arrive over the control channel and are patched into
 * the running code; their hits are redacted like error packages and sent back.
 */
import { createRedactor } from '@flashback/protocol/redaction';
import type { TracingHit } from '@flashback/protocol/tracing';
import { readEnvironment } from '../capture/environment.js';
import { debug } from '../debug-logger.js';
import type { Integration } from '../integrations/types.js';
import { ingestEndpoint } from '../transport/ingest-endpoint.js';
import { ControlChannel } from './control-channel.js';

export function tracingIntegration(): Integration {
  let channel: ControlChannel | undefined;
  let stop: (() => void) | undefined;
  return {
    name: 'tracing',
    setup({ options, tokenize }) {
      if (!options.dsn || process.env.FLASHBACK_TRACING === '0') return;
      const endpoint = ingestEndpoint(options.dsn);
      if (!endpoint) return;
      const redactor = createRedactor(options.redaction, tokenize);
      let engine: import('./tracing-engine.js').TracingEngine | undefined;
      const opened = new ControlChannel({
        endpoint,
        service: readEnvironment(options).service.name,
        onActions: (set) => {
          void (async () => {
            // The engine (inspector session, parser) loads with the first action set only.
            engine ??= new (await import('./tracing-engine.js')).TracingEngine({
              appRoot: options.appRoot,
              onHit: (hit) => opened.send(redactHit(hit, redactor)),
            });
            engine.setActions(set.actions);
          })().catch((error: unknown) => debug.warn('tracing: could not apply the actions', error));
        },
      });
      channel = opened;
      opened.start();
      stop = () => engine?.close();
    },
    teardown() {
      channel?.stop();
      stop?.();
    },
  };
}

function redactHit(hit: TracingHit, redactor: ReturnType<typeof createRedactor>): TracingHit {
  if (hit.kind === 'log') return { ...hit, message: redactor.redactText(hit.message, 'log.message') };
  if (hit.kind !== 'snapshot') return hit;
  return {
    ...hit,
    frames: hit.frames.map((frame, index) =>
      frame.locals
        ? {
            ...frame,
            locals: redactor.redactValue(
              frame.locals,
              `snapshot.frames[${index}].locals`,
            ) as typeof frame.locals,
          }
        : frame,
    ),
  };
}
