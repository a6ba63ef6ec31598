import type { ErrorPackage } from '@flashback/protocol/types';
import { useState } from 'react';
import type { IssueResponse, ReproductionRecord } from '../api/api-types.js';
import { type Resource, useResource } from '../api/use-resource.js';
import { ErrorView } from '../components/error-view.js';
import { FixCommandsPanel } from '../components/fix-commands-panel.js';
import { IssueNotes } from '../components/issue-notes.js';
import { LoadState } from '../components/load-state.js';
import { ReproductionCard } from '../components/reproduction-card.js';
import { ResolveControl } from '../components/resolve-control.js';
import { Section } from '../components/section.js';
import { TierBadge } from '../components/tier-badge.js';
import { TimelineWaterfall } from '../components/timeline-waterfall.js';
import { TriagePanel } from '../components/triage-panel.js';
import { VerificationList } from '../components/verification-list.js';
import { readCause } from '../format/cause-read.js';
import { readVerdict } from '../format/reproduction-read.js';
import { absoluteTime, relativeTime } from '../format/time-format.js';
import { issuesHref, packageHref } from '../routing/routes.js';

/**
 * One issue, cause first: the triage and its evidence, then the error and the timeline of its
 * latest package, the reproductions, the way to a fix, the notes, the versions it was seen in, and
 * all its packages.
 */
export function IssuePage({ project, issueId }: { project: string; issueId: string }) {
  // Bumped after a write (a note, a resolve), so the issue and its notes load again.
  const [version, setVersion] = useState(0);
  const resource = useResource(`issue ${project} ${issueId} ${version}`, (api) =>
    api.issue(project, issueId),
  );
  return (
    <main className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={issuesHref(project)}>Issues</a>
      </nav>
      <LoadState resource={resource}>
        {(data) => (
          <IssueBody
            project={project}
            data={data}
            version={version}
            onChange={() => setVersion((v) => v + 1)}
          />
        )}
      </LoadState>
    </main>
  );
}

function IssueBody({
  project,
  data,
  version,
  onChange,
}: {
  project: string;
  data: IssueResponse;
  version: number;
  onChange(): void;
}) {
  const { issue, triage, packages, reproductions, verifications } = data;
  const latest = packages[0];
  const pkg = useResource<ErrorPackage | null>(`package ${project} ${latest?.id}`, async (api) =>
    latest ? (await api.package(project, latest.id)).package : null,
  );
  const timeline = pkg.state === 'ready' ? pkg.data?.timeline : undefined;
  return (
    <>
      <h1 className="issue-heading">
        <span className="error-type">{issue.errorType}</span>{' '}
        <span className="error-message">
          {issue.title.slice(issue.errorType.length).replace(/^:\s*/, '')}
        </span>
      </h1>
      <p className="issue-facts">
        <strong>{issue.count}</strong> event{issue.count === 1 ? '' : 's'}
        <span title={absoluteTime(issue.firstSeen)}>first seen {relativeTime(issue.firstSeen)}</span>
        <span title={absoluteTime(issue.lastSeen)}>last seen {relativeTime(issue.lastSeen)}</span>
        <span>{issue.serviceName}</span>
        <span>{issue.status}</span>
      </p>
      <TriagePanel
        tier={triage.tier}
        reason={triage.reason}
        cause={triage.cause}
        timeline={timeline}
        headline={readCause(triage.cause) ? undefined : reproductionHeadline(reproductions)}
      />
      <PackageEvidence resource={pkg} project={project} evidence={readCause(triage.cause)?.evidence ?? []} />
      <Section title="Reproductions">
        {reproductions.length === 0 ? (
          <p className="muted">
            {triage.tier === 2 ? 'Not needed: the timeline explains the failure.' : 'None yet.'}
          </p>
        ) : (
          reproductions.map((reproduction) => (
            <ReproductionCard key={reproduction.id} reproduction={reproduction} timeline={timeline} />
          ))
        )}
      </Section>
      <Section title="Fix">
        <FixCommandsPanel
          issueId={issue.id}
          latest={reproductions[0]}
          badRevision={pkg.state === 'ready' ? (pkg.data?.service.commit ?? undefined) : undefined}
        />
        <h3 className="subsection">Verifications</h3>
        <VerificationList verifications={verifications} />
        <ResolveControl project={project} issueId={issue.id} status={issue.status} onResolved={onChange} />
      </Section>
      <Section title="Notes">
        <IssueNotes project={project} issueId={issue.id} version={version} onAdded={onChange} />
      </Section>
      <Section title="Service versions">
        {issue.serviceVersions.length === 0 ? (
          <p className="muted">The packages carried no service version.</p>
        ) : (
          <ul className="versions">
            {issue.serviceVersions.map((version) => (
              <li key={version.version}>
                <code>
                  {issue.serviceName}@{version.version}
                </code>{' '}
                <span className="muted small" title={absoluteTime(version.firstSeen)}>
                  since {relativeTime(version.firstSeen)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Packages" aside={<span className="muted small">newest first</span>}>
        <ul className="packages">
          {packages.map((summary) => (
            <li key={summary.id}>
              <a href={packageHref(project, summary.id)}>
                <code>{summary.id}</code>
              </a>
              <span className="muted small" title={absoluteTime(summary.capturedAt)}>
                captured {relativeTime(summary.capturedAt)}
                {summary.serviceVersion && ` · ${summary.serviceName}@${summary.serviceVersion}`}
              </span>
              {summary.tier !== null && <TierBadge tier={summary.tier} compact />}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

/** The error and timeline of the latest package, which is what the triage read. */
function PackageEvidence({
  resource,
  project,
  evidence,
}: {
  resource: Resource<ErrorPackage | null>;
  project: string;
  evidence: number[];
}) {
  return (
    <LoadState resource={resource}>
      {(pkg) =>
        pkg && (
          <>
            <Section
              title="Error"
              aside={
                <a href={packageHref(project, pkg.id)} className="small">
                  latest package, captured {relativeTime(pkg.capturedAt)}
                </a>
              }
            >
              <ErrorView error={pkg.error} />
            </Section>
            <Section title="Timeline">
              <TimelineWaterfall
                timeline={pkg.timeline}
                evidence={evidence}
                dropped={pkg.dropped?.timelineEvents}
              />
            </Section>
          </>
        )
      }
    </LoadState>
  );
}

/** For issues no rule explains: what the newest reproduction found, or that one is on its way. */
function reproductionHeadline(reproductions: ReproductionRecord[]): string | undefined {
  const newest = reproductions[0];
  if (!newest) return undefined;
  const summary = readVerdict(newest.verdict)?.summary;
  if (summary) return summary;
  if (newest.status === 'queued' || newest.status === 'running') return `A reproduction is ${newest.status}.`;
  return newest.error ?? undefined;
}
