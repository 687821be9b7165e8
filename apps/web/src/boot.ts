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
  // While the app's script is still on its way the page has nothing to do: the first use of Intl,
  // which V8 pays for by building its list of ICU locales (~12 ms, ~50 ms on a slow phone; FormatJS
  // asks for it in every translator), is paid now instead of while the plan is drawn. In a task of
  // its own, after the requests below have gone out.
  setTimeout(() => {
    try {
      Intl.NumberFormat.supportedLocalesOf(['nb-NO', 'en-GB']);
      new Intl.DateTimeFormat('nb-NO', { dateStyle: 'medium' }).format(0);
      new Intl.PluralRules('nb-NO').select(1);
    } catch {
      // An old browser: nothing to warm.
    }
  }, 0);
  try {
    const raw = localStorage.getItem('fellesplan.session');
    if (!raw) return;
    const session = JSON.parse(raw) as { accessToken?: string; expiresAt?: number };
    // A token about to run out is refreshed by the app first; nothing to start here.
    if (!session.accessToken || !session.expiresAt || session.expiresAt - Date.now() < 15_000) return;
    const headers = { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' };
    const early: Record<string, Promise<BootResponse>> = {};
    // The answers that have arrived, readable at once: the app's first render can show them.
    const arrived: Record<string, BootResponse> = {};
    const ask = (path: string) => {
      early[path] = fetch(path, { headers }).then(async (res) => {
        const answer = { status: res.status, body: res.ok ? await res.json() : null };
        arrived[path] = answer;
        return answer;
      });
      early[path].catch(() => undefined);
    };
    ask('/api/auth/me');
    const plan = /^\/planer\/([^/]+)\/?$/.exec(location.pathname);
    if (plan) ask(`/api/plans/${encodeURIComponent(decodeURIComponent(plan[1]))}`);
    else if (location.pathname === '/') ask('/api/me/home');
    Object.assign(window, { __fellesplanBoot: early, __fellesplanBootArrived: arrived });
  } catch {
    // Nothing started: the app asks as usual.
  }
})();
