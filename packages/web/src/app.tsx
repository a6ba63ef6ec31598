import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api/api-client.js';
import { ApiProvider } from './api/api-context.js';
import { useResource } from './api/use-resource.js';
import { TokenForm } from './auth/token-form.js';
import { adoptTokenFromFragment, forgetToken, saveToken, storedToken } from './auth/token-storage.js';
import { AppHeader, type HeaderSection } from './layout/app-header.js';
import { EffectTracePage } from './pages/effect-trace-page.js';
import { HomePage } from './pages/home-page.js';
import { IssuePage } from './pages/issue-page.js';
import { IssuesPage } from './pages/issues-page.js';
import { PackagePage } from './pages/package-page.js';
import { TracingPage } from './pages/tracing-page.js';
import type { Route } from './routing/routes.js';
import { useRoute } from './routing/use-route.js';

/** The token gate, then the page the address bar names. */
export function App() {
  const route = useRoute();
  const [token, setToken] = useState(storedToken);
  const [refused, setRefused] = useState(false);
  const api = useMemo(() => (token ? new ApiClient(token) : null), [token]);

  // A `#token=` link opened in a tab where the app already runs.
  useEffect(() => {
    const adopt = () => {
      adoptTokenFromFragment();
      const stored = storedToken();
      if (stored !== token) {
        setToken(stored);
        setRefused(false);
      }
    };
    window.addEventListener('hashchange', adopt);
    return () => window.removeEventListener('hashchange', adopt);
  }, [token]);

  const context = useMemo(
    () =>
      api && {
        api,
        onUnauthorized: () => {
          forgetToken();
          setRefused(true);
        },
      },
    [api],
  );

  if (!context || refused) {
    // Viewing an effect trace reads a local file: it needs no collector, hence no token.
    if (route.page === 'effect-trace') {
      return (
        <>
          <AppHeader project={undefined} projects={[]} section="effects" />
          <EffectTracePage />
        </>
      );
    }
    return (
      <TokenForm
        refused={refused}
        onToken={(next) => {
          saveToken(next);
          setToken(next);
          setRefused(false);
        }}
      />
    );
  }
  return (
    <ApiProvider value={context}>
      <Pages
        route={route}
        onForget={() => {
          forgetToken();
          setToken(null);
        }}
      />
    </ApiProvider>
  );
}

function Pages({ route, onForget }: { route: Route; onForget(): void }) {
  const projects = useResource('projects', (api) => api.projects());
  const names = projects.state === 'ready' ? projects.data.map((p) => p.name) : [];
  const project = 'project' in route ? route.project : undefined;
  return (
    <>
      <AppHeader project={project} projects={names} section={sectionOf(route)} onForget={onForget} />
      {route.page === 'home' && <HomePage />}
      {route.page === 'issues' && <IssuesPage project={route.project} query={route.query} />}
      {route.page === 'issue' && <IssuePage project={route.project} issueId={route.issueId} />}
      {route.page === 'package' && <PackagePage project={route.project} packageId={route.packageId} />}
      {route.page === 'tracing' && <TracingPage project={route.project} actionId={route.actionId} />}
      {route.page === 'effect-trace' && <EffectTracePage />}
      {route.page === 'not-found' && (
        <main className="page">
          <p className="empty">
            Nothing lives at <code>{route.path}</code>. <a href="#/">Back to the issues</a>
          </p>
        </main>
      )}
    </>
  );
}

function sectionOf(route: Route): HeaderSection {
  if (route.page === 'tracing') return 'tracing';
  if (route.page === 'effect-trace') return 'effects';
  if (route.page === 'home' || route.page === 'not-found') return undefined;
  return 'issues';
}
