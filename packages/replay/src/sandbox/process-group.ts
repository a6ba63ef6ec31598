/**
 * Signals a whole process group (the child was spawned `detached`, so it leads its own group).
 * Returns false when the group is already empty.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * Resolves once no process of the group is left, checking every `intervalMs`, or after
 * `timeoutMs` in any case: signals are delivered asynchronously, so a group just sent SIGKILL is
 * not empty yet. Orphaned members are reaped by init; a member still a zombie past the timeout
 * holds nothing but its exit status.
 */
export async function waitForGroupGone(pgid: number, timeoutMs: number, intervalMs = 2): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (signalGroup(pgid, 0)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return true;
}
