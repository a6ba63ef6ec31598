/** Where a person and a program find an issue: its page in the web UI and its API resource. */
export function issueLinks(
  publicUrl: string,
  project: string,
  issueId: string,
): { issue: string; api: string } {
  const base = publicUrl.replace(/\/+$/, '');
  const p = encodeURIComponent(project);
  const i = encodeURIComponent(issueId);
  return { issue: `${base}/#/${p}/issues/${i}`, api: `${base}/api/projects/${p}/issues/${i}` };
}
