import type { ReproductionRecord } from '../api/api-types.js';
import { fixCommands } from '../format/fix-commands.js';
import { readBundle } from '../format/reproduction-read.js';
import { CopyableCommand } from './copyable-command.js';

/**
 * Once the latest reproduction confirmed the failure: the commands that turn it into a regression
 * test, check a fix, and find the commit that broke it, filled in from the reproduction's app spec.
 */
export function FixCommandsPanel({
  issueId,
  latest,
  badRevision,
}: {
  issueId: string;
  latest: ReproductionRecord | undefined;
  badRevision: string | undefined;
}) {
  if (latest?.status !== 'reproduced') {
    return (
      <p className="muted">
        Exporting a test, verifying a fix and bisecting start from a confirmed reproduction;{' '}
        {latest ? `the latest one is ${latest.status.replace('_', ' ')}.` : 'this issue has none yet.'}
      </p>
    );
  }
  const app = readBundle(latest.bundle)?.app;
  const commands = fixCommands({
    issueId,
    server: window.location.origin,
    appDir: app?.dir,
    start: app?.start,
    badRevision,
  });
  return (
    <div className="fix-commands">
      <p className="muted small">
        Run these where the app's code is, with <code>FLASHBACK_TOKEN</code> set to a read token of this
        project.
        {!app?.dir && ' The reproduction recorded no app directory: fill in --app and --start.'}
      </p>
      {commands.map((entry) => (
        <div key={entry.name} className="fix-command">
          <h3>
            <code>{entry.name}</code> <span className="muted small">{entry.purpose}</span>
          </h3>
          <CopyableCommand command={entry.command} label={entry.name} />
        </div>
      ))}
    </div>
  );
}
