/**
 * The usual setup of an integration test file: a fresh database from the seeded template and
 * the real api on it. Call inside a describe; use the returned handle in the tests.
 */
import { startApiProcess, type ApiProcess } from './api-process';
import { ApiClient } from './http';
import { createTestDatabase } from './postgres';

export interface TestApp {
  api: ApiProcess;
  databaseUrl: string;
  client: ApiClient;
  /** Logs in one of the demo accounts (password DEMO_PASSWORD) or any other. */
  login(email: string, password: string): Promise<ApiClient>;
}

export function useTestApp(env: Record<string, string> = {}): TestApp {
  const handle = {} as TestApp;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    handle.databaseUrl = db.url;
    handle.api = await startApiProcess(db.url, env);
    handle.client = new ApiClient(handle.api.url);
    handle.login = (email, password) => handle.client.login(email, password);
  }, 120_000);
  afterAll(async () => {
    await handle.api?.stop();
    await drop?.();
  }, 120_000);
  return handle;
}
