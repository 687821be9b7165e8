/**
 * Medians over several bench runs: `node dist/apps/loadgen/src/summarize.js run1.json run2.json ...`.
 * Ratios are taken within each run (api and baseline measured side by side), then their median.
 */
import { readFileSync } from 'node:fs';

interface Phase {
  targetRate: number;
  latency: { p50: number; p95: number; p99: number; max: number };
  serverCpuMsPerEdit?: number;
  postgresCpuMsPerEdit?: number;
  otherCpuPct?: number;
  lost: number;
  duplicates: number;
  outOfOrder: number;
}

type Results = {
  startedAt: string;
  mode: string;
  scenarios: Record<string, Record<string, { phases?: Phase[]; highestHeld?: number | null; [k: string]: unknown }>>;
};

function median(xs: (number | null | undefined)[]): number | null {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return Math.round((v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2) * 1000) / 1000;
}

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  typeof a === 'number' && typeof b === 'number' && b ? a / b : null;

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Results);
if (!runs.length) {
  process.stderr.write('usage: summarize.js bench-results.json...\n');
  process.exit(2);
}

const rows: [string, number | null, string][] = [];
const add = (name: string, values: (number | null | undefined)[]) =>
  rows.push([name, median(values), values.map((v) => (typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : '–')).join(' ')]);

for (const scenario of ['meeting', 'municipality']) {
  const first = (t: string) => runs.map((r) => r.scenarios[scenario]?.[t]?.phases?.[0]);
  const b = first('baseline');
  const a = first('api');
  for (const [t, ps] of [
    ['baseline', b],
    ['api', a],
  ] as const) {
    add(
      `${scenario} ${t} p50 ms`,
      ps.map((p) => p?.latency.p50),
    );
    add(
      `${scenario} ${t} p95 ms`,
      ps.map((p) => p?.latency.p95),
    );
    add(
      `${scenario} ${t} p99 ms`,
      ps.map((p) => p?.latency.p99),
    );
    add(
      `${scenario} ${t} max ms`,
      ps.map((p) => p?.latency.max),
    );
    add(
      `${scenario} ${t} cpu ms/edit (server+pg)`,
      ps.map((p) => (p ? (p.serverCpuMsPerEdit ?? 0) + (p.postgresCpuMsPerEdit ?? 0) : null)),
    );
    add(
      `${scenario} ${t} other cpu %`,
      ps.map((p) => p?.otherCpuPct),
    );
  }
  add(
    `${scenario} api/baseline p50`,
    a.map((p, i) => ratio(p?.latency.p50, b[i]?.latency.p50)),
  );
  add(
    `${scenario} api/baseline p99`,
    a.map((p, i) => ratio(p?.latency.p99, b[i]?.latency.p99)),
  );
  add(
    `${scenario} api/baseline cpu/edit`,
    a.map((p, i) => {
      const q = b[i];
      if (!p || !q) return null;
      return ratio(
        (p.serverCpuMsPerEdit ?? 0) + (p.postgresCpuMsPerEdit ?? 0),
        (q.serverCpuMsPerEdit ?? 0) + (q.postgresCpuMsPerEdit ?? 0),
      );
    }),
  );
}
const held = (t: string) => runs.map((r) => r.scenarios.capacity?.[t]?.highestHeld as number | null | undefined);
add('capacity baseline edits/s', held('baseline'));
add('capacity api edits/s', held('api'));
add(
  'capacity api/baseline',
  held('api').map((a, i) => ratio(a, held('baseline')[i])),
);
for (const t of ['baseline', 'api']) {
  add(
    `idle ${t} KB/socket connected`,
    runs.map((r) => r.scenarios.idle?.[t]?.kbPerSocketConnected as number | undefined),
  );
  add(
    `idle ${t} KB/socket joined`,
    runs.map((r) => r.scenarios.idle?.[t]?.kbPerSocketJoined as number | undefined),
  );
}
const pl = runs.map((r) => r.scenarios.planLoad?.api?.latency as { p50: number; p95: number } | undefined);
add(
  'plan load p50 ms',
  pl.map((x) => x?.p50),
);
add(
  'plan load p95 ms',
  pl.map((x) => x?.p95),
);

process.stdout.write(`${runs.length} run(s): ${runs.map((r) => `${r.startedAt} (${r.mode})`).join(', ')}\n\n`);
for (const [name, m, all] of rows) process.stdout.write(`${name.padEnd(42)} ${String(m ?? '–').padStart(10)}   [${all}]\n`);
