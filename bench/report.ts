import { renderTable } from '../src/cli/table';
import type { Figure } from './figures';
import type { MachineInfo } from './machine';

export interface BenchReport {
  startedAt: string;
  durationSeconds: number;
  command: string;
  machine: MachineInfo;
  /** 1-minute load average at the start and the end: the machine may be shared. */
  loadAverage: { start: number; end: number };
  figures: Figure[];
  notes: string[];
  details: unknown;
}

const formatNumber = (n: number): string => {
  if (!Number.isFinite(n)) return 'n/a';
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : n.toFixed(2);
};

export function renderReport(report: BenchReport): string {
  const rows = report.figures.map((f) => [
    f.label,
    `${formatNumber(f.baton)} ${f.unit}`,
    `${formatNumber(f.baseline)} ${f.unit}`,
    `${formatNumber(f.ratio)}x`,
    f.goal ?? '',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
  ]);
  const m = report.machine;
  return [
    renderTable(['Figure', 'Baton', 'Baseline', 'Ratio (Baton/baseline)', 'Goal', 'Met'], rows),
    '',
    ...report.notes.map((n) => `* ${n}`),
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB; load average ${report.loadAverage.start.toFixed(2)} at start, ${report.loadAverage.end.toFixed(2)} at end`,
    `Versions: Node ${m.node}, Temporal SDK ${m.temporalSdk}, Temporal CLI ${m.temporalCli} (server ${m.temporalServer}), time-skipping test server ${m.testServer}`,
    `Run: ${report.command}, ${(report.durationSeconds / 60).toFixed(1)} min`,
  ].join('\n');
}
