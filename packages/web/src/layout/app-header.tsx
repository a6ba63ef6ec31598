import { useResource } from '../api/use-resource.js';
import { issuesHref } from '../routing/routes.js';

/** The bar on top: home link, project picker (when the token sees several), and the token. */
export function AppHeader({ project, onForget }: { project: string | undefined; onForget(): void }) {
  const projects = useResource('projects', (api) => api.projects());
  const names = projects.state === 'ready' ? projects.data.map((p) => p.name) : [];
  return (
    <header className="app-header">
      <a className="brand" href={project ? issuesHref(project) : '#/'}>
        Flashback
      </a>
      {names.length > 1 ? (
        <label className="project-picker">
          <span className="visually-hidden">Project</span>
          <select
            value={project ?? ''}
            onChange={(event) => {
              window.location.hash = issuesHref(event.target.value);
            }}
          >
            {project === undefined && <option value="">Choose a project</option>}
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        project && <span className="project-name">{project}</span>
      )}
      <button type="button" className="link-button" onClick={onForget}>
        Change token
      </button>
    </header>
  );
}
