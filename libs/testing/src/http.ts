/** A small HTTP client for tests: JSON in, status and JSON out, optionally as a logged-in account. */

// Test bodies are read loosely on purpose: each assertion names the fields it cares about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface TestResponse {
  status: number;
  body: Json;
  headers: Headers;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly accessToken?: string,
    readonly refreshToken?: string,
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    const init: RequestInit = { method, headers: { ...headers } };
    const h = init.headers as Record<string, string>;
    if (this.accessToken) h.authorization = `Bearer ${this.accessToken}`;
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, init);
    const text = await res.text();
    let parsed: Json = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }
  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body ?? {}, headers);
  }
  patch(path: string, body?: unknown) {
    return this.request('PATCH', path, body ?? {});
  }
  put(path: string, body?: unknown) {
    return this.request('PUT', path, body ?? {});
  }
  delete(path: string, body?: unknown) {
    return this.request('DELETE', path, body);
  }

  /** Logs in and returns a client that sends the access token. Throws if the login fails. */
  async login(email: string, password: string): Promise<ApiClient> {
    const res = await new ApiClient(this.baseUrl).post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new ApiClient(this.baseUrl, res.body.accessToken, res.body.refreshToken);
  }

  anonymous(): ApiClient {
    return new ApiClient(this.baseUrl);
  }
}

/**
 * Waits for a condition, polling, with a bounded timeout; for state that has no event to wait on.
 * The default is generous (10 s): it costs nothing when the condition comes, and CI runs two suites,
 * each with its api, browser and PostgreSQL work, on two cores.
 */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 10_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
