import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import type { ResolvedOptions } from '../options.js';

export interface Environment {
  service: ErrorPackage['service'];
  runtime: ErrorPackage['runtime'];
}

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
}

/**
 * Describes the service and its runtime: name, version and commit (options, then env, then the
 * app's package.json, then git), Node and host facts, dependency versions, and the allowlisted
 * environment variables (redacted later with the rest of the package). Read once per process.
 */
export function readEnvironment(options: ResolvedOptions): Environment {
  const pkg = readJson<PackageJson>(path.join(options.appRoot, 'package.json'));
  const service: ErrorPackage['service'] = {
    name: options.service ?? pkg?.name ?? path.basename(options.appRoot),
    environment: options.environment,
  };
  const version = options.release ?? pkg?.version;
  if (version) service.version = version;
  const commit = options.commit ?? readGitHead(options.appRoot);
  if (commit) service.commit = commit;
  return {
    service,
    runtime: {
      nodeVersion: process.version,
      platform: process.platform,
      arch: process.arch,
      hostname: os.hostname(),
      pid: process.pid,
      appRoot: options.appRoot,
      env: pickEnv(options.envAllowlist),
      dependencies: dependencyVersions(options.appRoot, pkg?.dependencies ?? {}),
    },
  };
}

function pickEnv(allowlist: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of allowlist) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Installed versions, found the way Node resolves packages: up the node_modules chain. */
function dependencyVersions(appRoot: string, declared: Record<string, string>): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of Object.keys(declared)) {
    for (let dir = appRoot; ; dir = path.dirname(dir)) {
      const installed = readJson<PackageJson>(path.join(dir, 'node_modules', name, 'package.json'));
      if (installed?.version) {
        versions[name] = installed.version;
        break;
      }
      if (path.dirname(dir) === dir) {
        versions[name] = declared[name] ?? 'unknown';
        break;
      }
    }
  }
  return versions;
}

/** The commit checked out in the app's git work tree, read from files (no child process). */
function readGitHead(appRoot: string): string | undefined {
  for (let dir = appRoot; ; dir = path.dirname(dir)) {
    const head = readText(path.join(dir, '.git', 'HEAD'));
    if (head !== undefined) {
      const ref = /^ref: (.+)$/m.exec(head.trim())?.[1];
      if (!ref) return head.trim() || undefined;
      const loose = readText(path.join(dir, '.git', ref))?.trim();
      if (loose) return loose;
      const packed = readText(path.join(dir, '.git', 'packed-refs'));
      return packed
        ?.split('\n')
        .find((line) => line.endsWith(` ${ref}`))
        ?.split(' ')[0];
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readJson<T>(file: string): T | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
