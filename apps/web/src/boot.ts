/**
 * The first script a phone runs: a few hundred bytes, loaded async beside the app's own script
 * (vite.config.ts builds it as an entry of its own and puts it first in index.html). With a login
 * session on this device it asks at once for what the first screen needs (the account, and the
 * plan or the home at this address) instead of after the app's ~110 KB have arrived and started:
 * on a slow line that is most of a second earlier. The app takes each answer once (api/boot.ts);
 * anything but a 200 is asked again by the app as usual (refreshing the session, showing errors).
 * No imports: this file is the whole chunk.
 */
interface BootResponse {
  status: number;
  body: unknown;
}

(() => {
  try {
    const raw = localStorage.getItem('fellesplan.session');
    if (!raw) return;
    const session = JSON.parse(raw) as { accessToken?: string; expiresAt?: number };
    // A token about to run out is refreshed by the app first; nothing to start here.
    if (!session.accessToken || !session.expiresAt || session.expiresAt - Date.now() < 15_000) return;
    const headers = { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' };
    const early: Record<string, Promise<BootResponse>> = {};
    const ask = (path: string) => {
      early[path] = fetch(path, { headers }).then(async (res) => ({ status: res.status, body: res.ok ? await res.json() : null }));
      early[path].catch(() => undefined);
    };
    ask('/api/auth/me');
    const plan = /^\/planer\/([^/]+)\/?$/.exec(location.pathname);
    if (plan) ask(`/api/plans/${encodeURIComponent(decodeURIComponent(plan[1]))}`);
    else if (location.pathname === '/') ask('/api/me/home');
    (window as unknown as { __fellesplanBoot?: typeof early }).__fellesplanBoot = early;
  } catch {
    // Nothing started: the app asks as usual.
  }
})();
