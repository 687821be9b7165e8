/** Closed-loop timing of GET /api/plans/:id over one keep-alive connection. */
import { Agent, request } from 'node:http';
import { nowMs } from './clock';
import { newHistogram, recordMs, summarize, type LatencySummary } from './histogram';

export interface PlanLoadResult {
  status: number;
  bytes: number;
  goals: number | null;
  tasks: number | null;
  requests: number;
  latency: LatencySummary;
  error?: string;
}

function get(agent: Agent, url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function measurePlanLoad(
  baseUrl: string,
  planId: string,
  token: string,
  warmup: number,
  requests: number,
): Promise<PlanLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = `${baseUrl}/api/plans/${planId}`;
  try {
    const first = await get(agent, url, token);
    if (first.status !== 200) {
      return {
        status: first.status,
        bytes: first.body.length,
        goals: null,
        tasks: null,
        requests: 0,
        latency: summarize(newHistogram()),
        error: first.body.slice(0, 300),
      };
    }
    const view = JSON.parse(first.body) as { goals?: unknown[]; tasks?: unknown[] };
    for (let i = 0; i < warmup; i++) await get(agent, url, token);
    const h = newHistogram();
    for (let i = 0; i < requests; i++) {
      const t0 = nowMs();
      const res = await get(agent, url, token);
      recordMs(h, nowMs() - t0);
      if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    }
    return {
      status: 200,
      bytes: Buffer.byteLength(first.body),
      goals: view.goals?.length ?? null,
      tasks: view.tasks?.length ?? null,
      requests,
      latency: summarize(h),
    };
  } finally {
    agent.destroy();
  }
}
