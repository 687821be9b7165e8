/**
 * GET /health: readiness of one api node. 200 when the database and the realtime adapter
 * (memory, Redis, PostgreSQL) answer, each check with its status and latency; 503, naming the
 * failing check, when the database is gone or Redis cannot be reached, and 200 again once
 * Redis is back.
 */
import { Redis } from 'ioredis';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import {
  ApiClient,
  createTestDatabase,
  eventually,
  freePort,
  startApiProcess,
  useTestApp,
  withAdmin,
  requireEnv,
  type ApiProcess,
} from '#testing';

const REDIS_HOST = '127.0.0.1';
const REDIS_PORT = 6379;
const channel = (name: string) => `fp-test-${process.pid}-health-${name}-${Date.now().toString(36)}`;

async function dropRedisStream(name: string): Promise<void> {
  const redis = new Redis(REDIS_PORT, REDIS_HOST);
  await redis.del(name).finally(() => redis.quit());
}

describe.each(['memory', 'redis', 'postgres'] as const)('GET /health with the %s adapter', (adapter) => {
  const env = { REALTIME_ADAPTER: adapter, REALTIME_CHANNEL: channel(adapter) };
  const app = useTestApp(env);
  afterAll(async () => {
    if (adapter === 'redis') await dropRedisStream(env.REALTIME_CHANNEL);
  });

  it('answers 200 with the database and the realtime adapter ok, each with its latency', async () => {
    const res = await app.client.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'ok', ms: expect.any(Number) },
        realtime: { status: 'ok', adapter, ms: expect.any(Number) },
      },
    });
  });
});

describe('GET /health when the database is gone', () => {
  let api: ApiProcess;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApiProcess(db.url);
  }, 60_000);
  afterAll(async () => {
    // Its database is gone: a graceful shutdown has nothing to close cleanly.
    await api?.kill('SIGKILL');
    await db?.drop();
  });

  it('answers 503 naming the database check, while realtime stays ok', async () => {
    const client = new ApiClient(api.url);
    expect((await client.get('/health')).status).toBe(200);
    await withAdmin(requireEnv('FELLESPLAN_TEST_ADMIN_URL'), (c) => c.query(`DROP DATABASE ${db.name} WITH (FORCE)`));
    const res = await eventually(async () => {
      const r = await client.get('/health');
      return r.status === 503 && r;
    });
    expect(res.body).toMatchObject({
      status: 'error',
      checks: {
        database: { status: 'error', ms: expect.any(Number), message: expect.any(String) },
        realtime: { status: 'ok', adapter: 'memory' },
      },
    });
  });
});

/** A TCP relay to Redis that the test can cut and restore, as a network outage would. */
class RedisRelay {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  private readonly pairs = new Set<[Socket, Socket]>();
  constructor(readonly port: number) {}

  /** Stops passing bytes either way, with every connection left open (a network that drops packets). */
  stall(): void {
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** Passes bytes again, what waited included. */
  resume(): void {
    for (const [client, upstream] of this.pairs) {
      client.pipe(upstream);
      upstream.pipe(client);
    }
  }

  start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = tcpConnect(REDIS_PORT, REDIS_HOST);
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.on('close', () => this.open.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      client.on('close', () => this.pairs.delete(pair));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Refuses new connections and cuts the open ones. */
  cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.open) s.destroy();
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe('GET /health when Redis cannot be reached (redis adapter)', () => {
  const realtimeChannel = channel('outage');
  let relay: RedisRelay;
  let api: ApiProcess;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    relay = new RedisRelay(await freePort());
    await relay.start();
    db = await createTestDatabase();
    api = await startApiProcess(db.url, {
      REALTIME_ADAPTER: 'redis',
      REDIS_URL: `redis://127.0.0.1:${relay.port}`,
      REALTIME_CHANNEL: realtimeChannel,
    });
  }, 60_000);
  afterAll(async () => {
    await api?.kill('SIGKILL');
    await relay?.cut();
    await db?.drop();
    await dropRedisStream(realtimeChannel);
  });

  const health = () => new ApiClient(api.url).get('/health');

  it('answers 503 naming Redis soon when Redis stops answering on a connection that stays open', async () => {
    expect((await health()).status).toBe(200);
    relay.stall();
    try {
      const res = await health();
      expect(res.status).toBe(503);
      expect(res.body.checks.realtime).toMatchObject({
        status: 'error',
        adapter: 'redis',
        message: expect.stringMatching(/Redis did not answer PING/),
      });
      expect(res.body.checks.realtime.ms).toBeLessThan(1500);
    } finally {
      relay.resume();
    }
    const back = await eventually(async () => {
      const r = await health();
      return r.status === 200 && r;
    }, 10_000);
    expect(back.body.checks.realtime).toMatchObject({ status: 'ok', adapter: 'redis' });
  });

  it('answers 503 naming the realtime check while Redis is away, at once rather than waiting', async () => {
    expect((await health()).status).toBe(200);
    await relay.cut();
    const res = await eventually(async () => {
      const r = await health();
      return r.status === 503 && r;
    });
    expect(res.body).toMatchObject({
      status: 'error',
      checks: {
        database: { status: 'ok' },
        realtime: { status: 'error', adapter: 'redis', message: expect.stringMatching(/Redis/) },
      },
    });
    expect(res.body.checks.realtime.ms).toBeLessThan(1000);
  });

  it('answers 200 again once Redis is back', async () => {
    await relay.start();
    const res = await eventually(async () => {
      const r = await health();
      return r.status === 200 && r;
    }, 15_000);
    expect(res.body.checks.realtime).toMatchObject({ status: 'ok', adapter: 'redis' });
  }, 20_000);
});
