/**
 * The export scenario (`npm run bench -- --exports`, and part of the full run): the large plan of
 * the plan-load scenario (30 goals, 200 tasks, 8 members, 3 meetings) exported as a PDF, a
 * large-text PDF and an HL7 FHIR bundle, one request at a time over one keep-alive connection:
 * time per export (p50/p95) and the api process's memory (RSS before, peak while exporting,
 * after), sampled from /proc.
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
}

export type ExportBenchResult = Record<'pdf' | 'pdfLarge' | 'fhir', ExportRun>;

function get(agent: Agent, url: string, token: string, accept: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}`, accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
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
  const empty = { path, status: first.status, bytes: first.body.length, requests: 0, latency: summarize(newHistogram()) };
  for (let i = 0; i < warmup; i++) await get(agent, url, token, accept);
  const before = rssBytes(serverPid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(serverPid))), 10);
  const h = newHistogram();
  try {
    for (let i = 0; i < requests; i++) {
      const t0 = nowMs();
      const res = await get(agent, url, token, accept);
      recordMs(h, nowMs() - t0);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    }
  } finally {
    clearInterval(sampler);
  }
  return {
    ...empty,
    requests,
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
        `${name}: ${Math.round(x.bytes / 1024)} kB, p50 ${x.latency.p50} ms, p95 ${x.latency.p95} ms, rss ${mb(x.rssBytes.before)} → peak ${mb(x.rssBytes.peak)}`,
    )
    .join('; ');
}
