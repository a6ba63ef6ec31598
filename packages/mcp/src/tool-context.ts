import type { CollectorClient } from './collector-client.js';
import { FlashbackMcpError } from './errors.js';

/** What every tool gets: the collector, and which project a call means. */
export interface ToolContext {
  client: CollectorClient;
  /** `name` when given, else the configured default, else the token's only project. */
  project(name?: string): Promise<string>;
}

export function createToolContext(client: CollectorClient, defaultProject?: string): ToolContext {
  let visible: Promise<string[]> | undefined;
  return {
    client,
    async project(name) {
      if (name) return name;
      if (defaultProject) return defaultProject;
      visible ??= client.listProjects().catch((error: unknown) => {
        visible = undefined;
        throw error;
      });
      const projects = await visible;
      if (projects.length === 1 && projects[0]) return projects[0];
      throw new FlashbackMcpError(
        'FB_MCP_NO_PROJECT',
        projects.length === 0
          ? 'this token reads no project; create one with `flashback projects create <name>`'
          : `this token reads several projects (${projects.join(', ')}): pass \`project\``,
      );
    },
  };
}
