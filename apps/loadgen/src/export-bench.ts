/**
 * The export scenario (`npm run bench -- --exports`, and part of the full run): the large plan of
 * the plan-load scenario (30 goals, 200 tasks, 8 members, 3 meetings) exported as a PDF, a
 * large-text PDF and an HL7 FHIR bundle, one request at a time over one keep-alive connection:
 * time per export (p50/p95), the api process's memory (RSS before, peak while exporting, after),
 * sampled from /proc, and how much each export holds up everything else the node does: the event
 * loop's largest delay while exporting (the api's own monitorEventLoopDelay, read from /metrics,
 * which resets it on every scrape) and the slowest answer of /health probed every 25 ms meanwhile.
 * `--pdf-workers=0` (bench.ts) draws PDFs on the main thread, as before the worker pool.
 */
import { Agent, request } from 'node:http';
import { nowMs } from './clock';
import { newHistogram, recordMs, summarize, type LatencySummary } from './histogram';
import { rssBytes } from './processes';

export interface ExportRun {
  path: string;
  status: number;
  bytes: number;
  requests: number;
  latency: LatencySummary;
  rssBytes: { before: number; peak: number; after: number };
  /** The api's event loop: its largest delay while the measured exports ran (ms; null without /metrics). */
  eventLoopMaxDelayMs: number | null;
  /** The slowest /health answer while the measured exports ran, probed every 25 ms on its own connection. */
  healthProbe: { requests: number; maxMs: number };
}

export type ExportBenchResult = Record<'pdf' | 'pdfLarge' | 'fhir', ExportRun>;

function get(agent: Agent, url: string, token: string, accept: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The api's event-loop delay maximum since the last scrape (prom-client resets it on every collect). */
async function eventLoopMaxMs(agent: Agent, baseUrl: string): Promise<number | null> {
  const res = await get(agent, `${baseUrl}/metrics`, '', 'text/plain');
  if (res.status !== 200) return null;
  const m = /^fellesplan_nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? ([0-9.e+-]+)$/m.exec(res.body.toString());
  return m ? Math.round(Number(m[1]) * 10000) / 10 : null;
}

/** Asks /health every 25 ms on its own connection until stopped; answers the slowest. */
function probeHealth(baseUrl: string): { stop: () => Promise<{ requests: number; maxMs: number }> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let running = true;
  let maxMs = 0;
  let requests = 0;
  const loop = (async () => {
    while (running) {
      const t0 = nowMs();
      await get(agent, `${baseUrl}/health`, '', 'application/json');
      maxMs = Math.max(maxMs, nowMs() - t0);
      requests++;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      agent.destroy();
      return { requests, maxMs: Math.round(maxMs * 10) / 10 };
    },
  };
}

async function measure(
  agent: Agent,
  baseUrl: string,
  path: string,
  accept: string,
  token: string,
  serverPid: number,
  warmup: number,
  requests: number,
): Promise<ExportRun> {
  const url = `${baseUrl}${path}`;
  const first = await get(agent, url, token, accept);
  // An export that does not work makes the bench fail (it could not run), as a lost event does.
  if (first.status !== 200) throw new Error(`GET ${path} answered ${first.status}: ${first.body.toString().slice(0, 300)}`);
  const empty = { path, status: first.status, bytes: first.body.length, requests: 0 };
  for (let i = 0; i < warmup; i++) await get(agent, url, token, accept);
  const before = rssBytes(serverPid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(serverPid))), 10);
  const h = newHistogram();
  await eventLoopMaxMs(agent, baseUrl); // resets the api's event-loop histogram
  const probe = probeHealth(baseUrl);
  let eventLoopMaxDelayMs: number | null = null;
  let healthProbe = { requests: 0, maxMs: 0 };
  try {
    for (let i = 0; i < requests; i++) {
      const t0 = nowMs();
      const res = await get(agent, url, token, accept);
      recordMs(h, nowMs() - t0);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    }
  } finally {
    clearInterval(sampler);
    healthProbe = await probe.stop();
    eventLoopMaxDelayMs = await eventLoopMaxMs(agent, baseUrl);
  }
  return {
    ...empty,
    requests,
    eventLoopMaxDelayMs,
    healthProbe,
    latency: summarize(h),
    rssBytes: { before, peak: Math.max(peak, rssBytes(serverPid)), after: rssBytes(serverPid) },
  };
}

export async function measureExports(
  baseUrl: string,
  planId: string,
  token: string,
  serverPid: number,
  opts: { warmup: number; requests: number },
): Promise<ExportBenchResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const run = (path: string, accept: string) => measure(agent, baseUrl, path, accept, token, serverPid, opts.warmup, opts.requests);
  try {
    return {
      pdf: await run(`/api/plans/${planId}/pdf`, 'application/pdf'),
      pdfLarge: await run(`/api/plans/${planId}/pdf?size=large`, 'application/pdf'),
      fhir: await run(`/api/plans/${planId}/fhir`, 'application/fhir+json'),
    };
  } finally {
    agent.destroy();
  }
}

/** One line per export for the bench log. */
export function describeExports(r: ExportBenchResult): string {
  const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
  return Object.entries(r)
    .map(
      ([name, x]) =>
        `${name}: ${Math.round(x.bytes / 1024)} kB, p50 ${x.latency.p50} ms, p95 ${x.latency.p95} ms, rss ${mb(x.rssBytes.before)} → peak ${mb(x.rssBytes.peak)}, ` +
        `event loop max delay ${x.eventLoopMaxDelayMs ?? '?'} ms, slowest /health meanwhile ${x.healthProbe.maxMs} ms (${x.healthProbe.requests} probes)`,
    )
    .join('; ');
}
