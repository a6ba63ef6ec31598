import { EFFECT_TRACE_HREF, issuesHref, tracingHref } from '../routing/routes.js';

export type HeaderSection = 'issues' | 'tracing' | 'effects' | undefined;

/**
 * The bar on top: home link, project picker (when the token sees several), the sections, and the
 * token. Without a token only the effect trace viewer is reachable, so only it is linked.
 */
export function AppHeader({
  project,
  projects,
  section,
  onForget,
}: {
  project: string | undefined;
  projects: string[];
  section: HeaderSection;
  /** Absent when there is no token to forget. */
  onForget?: () => void;
}) {
  return (
    <header className="app-header">
      <a className="brand" href={project ? issuesHref(project) : '#/'}>
        Flashback
      </a>
      {projects.length > 1 ? (
        <label className="project-picker">
          <span className="visually-hidden">Project</span>
          <select
            value={project ?? ''}
            onChange={(event) => {
              window.location.hash =
                section === 'tracing' ? tracingHref(event.target.value) : issuesHref(event.target.value);
            }}
          >
            {project === undefined && <option value="">Choose a project</option>}
            {projects.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        project && <span className="project-name">{project}</span>
      )}
      <nav className="app-nav" aria-label="Sections">
        {project && (
          <>
            <NavLink href={issuesHref(project)} current={section === 'issues'}>
              Issues
            </NavLink>
            <NavLink href={tracingHref(project)} current={section === 'tracing'}>
              Tracing
            </NavLink>
          </>
        )}
        <NavLink href={EFFECT_TRACE_HREF} current={section === 'effects'}>
          Effect traces
        </NavLink>
      </nav>
      {onForget && (
        <button type="button" className="link-button" onClick={onForget}>
          Change token
        </button>
      )}
    </header>
  );
}

function NavLink({ href, current, children }: { href: string; current: boolean; children: string }) {
  return (
    <a href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
