/**
 * Keeps each patched script's original source and the probes placed in it, and swaps the script's
 * code with V8's live edit (`Debugger.setScriptSource`). V8 refuses while a function being changed
 * is suspended (an `async` function awaiting, a generator): the edit is retried until it lands.
 */
import type { SyncSession } from './sync-session.js';

interface Probe {
  offset: number;
  code: string;
}

interface PatchedScript {
  original: string;
  probes: Map<number, Probe>;
}

type EditStatus =
  | 'Ok'
  | 'CompileError'
  | 'BlockedByActiveGenerator'
  | 'BlockedByActiveFunction'
  | 'BlockedByTopLevelEsModuleChange';

export type PatchOutcome = { ok: true } | { ok: false; blocked: boolean; reason: string };

export class ScriptPatcher {
  private readonly scripts = new Map<string, PatchedScript>();

  constructor(private readonly session: SyncSession) {}

  originalSource(scriptId: string): string {
    const known = this.scripts.get(scriptId);
    if (known) return known.original;
    const { scriptSource } = this.session.post<{ scriptSource: string }>('Debugger.getScriptSource', {
      scriptId,
    });
    this.scripts.set(scriptId, { original: scriptSource, probes: new Map() });
    return scriptSource;
  }

  add(scriptId: string, slot: number, probe: Probe): PatchOutcome {
    this.originalSource(scriptId);
    this.scripts.get(scriptId)?.probes.set(slot, probe);
    return this.apply(scriptId);
  }

  remove(scriptId: string, slot: number): PatchOutcome {
    const script = this.scripts.get(scriptId);
    if (!script?.probes.delete(slot)) return { ok: true };
    return this.apply(scriptId);
  }

  /** Puts the script's current set of probes live. */
  apply(scriptId: string): PatchOutcome {
    const script = this.scripts.get(scriptId);
    if (!script) return { ok: true };
    const probes = [...script.probes.values()].sort((a, b) => b.offset - a.offset);
    let source = script.original;
    for (const probe of probes)
      source = source.slice(0, probe.offset) + probe.code + source.slice(probe.offset);
    try {
      const result = this.session.post<{ status?: EditStatus; exceptionDetails?: { text: string } }>(
        'Debugger.setScriptSource',
        { scriptId, scriptSource: source },
      );
      const status = result.status ?? 'Ok';
      if (status === 'Ok') return { ok: true };
      const blocked = status === 'BlockedByActiveGenerator' || status === 'BlockedByActiveFunction';
      return {
        ok: false,
        blocked,
        reason: blocked
          ? 'the function is running (suspended in an await) in a request in flight'
          : `V8 refused the edit: ${status}${result.exceptionDetails ? ` (${result.exceptionDetails.text})` : ''}`,
      };
    } catch (error: unknown) {
      return { ok: false, blocked: false, reason: `V8 refused the edit: ${(error as Error).message}` };
    }
  }

  /** Puts every script back as it was. */
  restoreAll(): void {
    for (const [scriptId, script] of this.scripts) {
      script.probes.clear();
      this.apply(scriptId);
    }
    this.scripts.clear();
  }
}
