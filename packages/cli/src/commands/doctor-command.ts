/** `flashback doctor`: which sandbox drivers and microVM backends work on this host, and why not. */
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION } from '../command-types.js';

export const doctorCommand: CommandDefinition = {
  name: 'doctor',
  summary: 'say which sandbox drivers and microVM backends work on this host, and why not',
  positionals: [],
  options: { json: JSON_OPTION },
  exitCodes: '0 at least one isolating sandbox (namespace or microvm) works, 1 none does',
  run: runDoctor,
};

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function runDoctor({ options }: CommandInput, deps: CliDeps): Promise<number> {
  const { createSandboxDriver, MicrovmDriver } = await import('@flashback/replay');
  const drivers: Check[] = [];
  for (const kind of ['process', 'namespace'] as const) {
    const status = await createSandboxDriver(kind).status();
    drivers.push({ name: kind, ok: status.available, detail: status.detail });
  }
  const microvm = new MicrovmDriver();
  const report = await microvm.report();
  drivers.push({ name: 'microvm', ok: report.chosen !== undefined, detail: report.reason });
  const backends: Check[] = [
    {
      name: 'guest kernel',
      ok: !('missing' in report.kernel),
      detail:
        'missing' in report.kernel
          ? report.kernel.missing
          : `${report.kernel.release} (${report.kernel.vmlinuz})`,
    },
    { name: 'kvm', ok: report.kvm.usable, detail: report.kvm.detail },
    { name: 'qemu', ok: report.qemu.available, detail: report.qemu.detail },
    { name: 'firecracker', ok: report.firecracker.available, detail: report.firecracker.detail },
  ];
  if (options.json === true) {
    deps.stdout(`${JSON.stringify({ drivers, microvm: backends }, null, 2)}\n`);
  } else {
    deps.stdout('sandbox drivers\n');
    for (const check of drivers) deps.stdout(line(check));
    deps.stdout('microvm backends\n');
    for (const check of backends) deps.stdout(line(check));
  }
  return drivers.some((d) => d.ok && d.name !== 'process') ? 0 : 1;
}

function line(check: Check): string {
  return `  ${check.ok ? 'ok  ' : 'no  '} ${check.name.padEnd(13)} ${check.detail}\n`;
}
