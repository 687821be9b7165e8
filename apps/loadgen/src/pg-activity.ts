/**
 * What PostgreSQL was doing during a phase, 5 times a second: each active client backend's wait
 * event (or `CPU` when it waits on nothing), and any background process that is working rather
 * than sleeping in its main loop (a checkpoint's writes, autovacuum, the WAL writer). Put into the
 * per-second timeline beside the server's GCs and loop lag, so that a slow second shows whether
 * the database stalled (an fsync, a checkpoint, a lock) while the api and load generator did not.
 * One connection of its own, on the load generator's cpu; one small query per sample.
 */
import { Client } from 'pg';
import { nowMs } from './clock';
import type { TimelineBucket } from './types';

const INTERVAL_MS = 200;
const QUERY = `SELECT backend_type AS b, coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w
  FROM pg_stat_activity
 WHERE pid <> pg_backend_pid()
   AND (state = 'active' OR (backend_type <> 'client backend' AND wait_event_type IS DISTINCT FROM 'Activity'))`;

export interface PgSample {
  at: number;
  /** `wait event` for client backends, `<backend type> <wait event>` for the others. */
  waits: string[];
}

export class PgActivity {
  private readonly samples: PgSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  private constructor(private readonly client: Client) {}

  /** Starts sampling; null (and no samples) when the database cannot be reached. */
  static async start(databaseUrl: string): Promise<PgActivity | null> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'bench-pg-activity' });
    try {
      await client.connect();
    } catch {
      return null;
    }
    client.on('error', () => undefined);
    const a = new PgActivity(client);
    a.timer = setInterval(() => void a.sample(), INTERVAL_MS);
    return a;
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const at = nowMs();
      const { rows } = await this.client.query<{ b: string; w: string }>(QUERY);
      this.samples.push({ at, waits: rows.map((r) => (r.b === 'client backend' ? r.w : `${r.b} ${r.w}`)) });
    } catch {
      // A missed sample is only a gap in the timeline.
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<PgSample[]> {
    if (this.timer) clearInterval(this.timer);
    await this.client.end().catch(() => undefined);
    return this.samples;
  }
}

/** Adds the samples to the timeline (second 0 starts at `startAt`, epoch ms): wait → count per second. */
export function addPgToTimeline(timeline: TimelineBucket[], startAt: number, samples: PgSample[]): void {
  for (const s of samples) {
    const second = Math.floor((s.at - startAt) / 1000);
    if (second < 0 || second >= timeline.length) continue;
    const b = (timeline[second] ??= { n: 0, slow: 0, max: 0 });
    const pg = (b.pg ??= {});
    for (const w of s.waits) pg[w] = (pg[w] ?? 0) + 1;
  }
}

/** Adds a process's loop lag ([epoch second, ms]) to the timeline under `field`. */
export function addLagToTimeline(
  timeline: TimelineBucket[],
  startAt: number,
  lag: [number, number][] | undefined,
  field: 'serverLagMs' | 'loadgenLagMs',
): void {
  for (const [epochSecond, ms] of lag ?? []) {
    // An epoch second overlaps two seconds of the phase; the lag counts in both.
    const second = Math.floor((epochSecond * 1000 - startAt) / 1000);
    for (const s of [second, second + 1]) {
      const b = timeline[s];
      if (b && ms > (b[field] ?? 0)) b[field] = ms;
    }
  }
}
