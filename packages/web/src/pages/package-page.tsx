import type { PackageResponse } from '../api/api-types.js';
import { useResource } from '../api/use-resource.js';
import { EnvironmentView } from '../components/environment-view.js';
import { ErrorView } from '../components/error-view.js';
import { LoadState } from '../components/load-state.js';
import { RedactionsList } from '../components/redactions-list.js';
import { Section } from '../components/section.js';
import { TimelineWaterfall } from '../components/timeline-waterfall.js';
import { TriagePanel } from '../components/triage-panel.js';
import { TriggerView } from '../components/trigger-view.js';
import { readCause } from '../format/cause-read.js';
import { absoluteTime } from '../format/time-format.js';
import { issueHref, issuesHref } from '../routing/routes.js';

/** One error package in full: the request, the error with its locals, the IO, the environment. */
export function PackagePage({ project, packageId }: { project: string; packageId: string }) {
  const resource = useResource(`package ${project} ${packageId}`, (api) => api.package(project, packageId));
  return (
    <main className="page">
      <LoadState resource={resource}>{(data) => <PackageBody project={project} data={data} />}</LoadState>
    </main>
  );
}

function PackageBody({ project, data }: { project: string; data: PackageResponse }) {
  const pkg = data.package;
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={issuesHref(project)}>Issues</a>
        <span aria-hidden="true"> / </span>
        <a href={issueHref(project, data.issueId)}>Issue</a>
      </nav>
      <h1 className="issue-heading">
        <span className="error-type">{pkg.error.type}</span>{' '}
        <span className="error-message">{pkg.error.message}</span>
      </h1>
      <p className="issue-facts">
        <span>Package {pkg.id}</span>
        <span>captured {absoluteTime(pkg.capturedAt)}</span>
        <span>
          {pkg.service.name}
          {pkg.service.version && `@${pkg.service.version}`}
        </span>
      </p>
      {data.triage && (
        <TriagePanel
          tier={data.triage.tier}
          reason={data.triage.reason}
          cause={data.triage.cause}
          timeline={pkg.timeline}
        />
      )}
      <Section title="Request">
        <TriggerView trigger={pkg.trigger} />
      </Section>
      <Section title="Error">
        <ErrorView error={pkg.error} />
      </Section>
      <Section title="Timeline">
        <TimelineWaterfall
          timeline={pkg.timeline}
          evidence={readCause(data.triage?.cause)?.evidence ?? []}
          dropped={pkg.dropped?.timelineEvents}
        />
      </Section>
      <Section title="Environment">
        <EnvironmentView pkg={pkg} />
      </Section>
      <Section title="Redactions">
        <RedactionsList redactions={pkg.redactions} />
      </Section>
    </>
  );
}
