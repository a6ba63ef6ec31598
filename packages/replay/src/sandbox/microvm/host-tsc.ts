/** The host's TSC frequency, which a TCG guest's TSC runs at. */
import { readFileSync } from 'node:fs';

/** kHz from /proc/cpuinfo (`cpu MHz` is the TSC rate where the TSC is constant), or undefined. */
export function hostTscKhz(cpuinfo = readCpuinfo()): number | undefined {
  const match = /^cpu MHz\s*:\s*([\d.]+)/m.exec(cpuinfo);
  const mhz = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  return Number.isFinite(mhz) && mhz > 0 ? Math.round(mhz * 1000) : undefined;
}

function readCpuinfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}
