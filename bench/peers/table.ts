import type { Peer } from './generator.js';

/* The peer benchmark's output: one table, a row per server per load point, then the ratios issue #13 sets targets for. */

export interface Row {
  server: string;
  peer: Peer;
  point: string;
  keystrokes: number;
  deliveredPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  missing: number;
  serverCpuSeconds: number;
  serverCpuPer1000: number;
  peakRssBytes: number;
  generatorCpuSeconds: number;
  generatorLagP99Ms: number;
  generators: number;
  instances: number;
}

/** Past this, the generator's own event loop, not the server, sets the latency. */
export const generatorLagLimitMs = 20;

const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

function notes(r: Row): string {
  const n: string[] = [];
  if (r.generatorLagP99Ms > generatorLagLimitMs) n.push(`**generator lagged (p99 ${fixed(r.generatorLagP99Ms, 0)} ms > ${generatorLagLimitMs}): not measuring the server**`);
  if (r.generators > 1) n.push(`generator in ${r.generators} processes, summed`);
  if (r.instances > 1) n.push(`server CPU and RSS summed over ${r.instances} instances`);
  return n.join('; ');
}

export function formatTable(rows: Row[], labels: Map<string, string>): string {
  const lines = [
    '| server | point | delivered/s | p50 ms | p99 ms | missing | server CPU s / 1k delivered | server CPU s | peak RSS MiB | generator CPU s | generator lag p99 ms | note |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.server} | ${r.point} | ${fixed(r.deliveredPerSecond, 0)} | ${fixed(r.p50Ms, 2)} | ${fixed(r.p99Ms, 2)} | ${r.missing} | ${fixed(r.serverCpuPer1000, 3)} | ${fixed(r.serverCpuSeconds, 2)} | ${fixed(r.peakRssBytes / 1024 / 1024, 0)} | ${fixed(r.generatorCpuSeconds, 2)} | ${fixed(r.generatorLagP99Ms, 1)} | ${notes(r)} |`,
    );
  }
  const used = [...new Set(rows.map((r) => r.point))];
  lines.push('', ...used.map((p) => `- ${p}: ${labels.get(p) ?? p}`));
  return lines.join('\n');
}

/** Överens ÷ each peer at every point all three ran, against the targets. */
export function formatRatios(rows: Row[]): string {
  const lines = [
    '| point | CPU/update ÷ Hocuspocus (≤ 0.8) | CPU/update ÷ y-websocket (≤ 1.2) | p99 ÷ Hocuspocus (≤ 1) | p99 ÷ y-websocket (≤ 1.2) | peak RSS ÷ Hocuspocus (≤ 1.5) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  const ratio = (a: number, b: number, target: number) => {
    const v = a / b;
    return Number.isFinite(v) ? `${v.toFixed(2)} ${v <= target ? '✓' : '✗'}` : 'n/a';
  };
  let any = false;
  for (const point of new Set(rows.map((r) => r.point))) {
    const at = (peer: Row['peer']) => rows.find((r) => r.point === point && r.peer === peer && r.instances === 1);
    const hub = at('hub');
    const hp = at('hocuspocus');
    const yws = at('ywebsocket');
    if (!hub || !hp || !yws) continue;
    any = true;
    lines.push(
      `| ${point} | ${ratio(hub.serverCpuPer1000, hp.serverCpuPer1000, 0.8)} | ${ratio(hub.serverCpuPer1000, yws.serverCpuPer1000, 1.2)} | ${ratio(hub.p99Ms, hp.p99Ms, 1)} | ${ratio(hub.p99Ms, yws.p99Ms, 1.2)} | ${ratio(hub.peakRssBytes, hp.peakRssBytes, 1.5)} |`,
    );
  }
  return any ? lines.join('\n') : '';
}
