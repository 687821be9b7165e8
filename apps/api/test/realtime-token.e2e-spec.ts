import { connectSocket, useTestApp, waitForDisconnect, waitForEvent } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

describe('a socket lives no longer than its access token', () => {
  const app = useTestApp({ ACCESS_TOKEN_TTL_SECONDS: '2' });

  it('is closed with token_expired when the token expires, and a fresh token connects again', async () => {
    const me = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    const socket = await connectSocket(app.api.url, me.accessToken);
    const closing = waitForEvent(socket, 'connection:closing', () => true, 6000);
    const gone = waitForDisconnect(socket, 6000);
    expect(await closing).toMatchObject({ code: 'token_expired' });
    expect(await gone).toBe('io server disconnect');

    const refreshed = await app.client.post('/api/auth/refresh', { refreshToken: me.refreshToken });
    expect(refreshed.status).toBe(200);
    const again = await connectSocket(app.api.url, refreshed.body.accessToken);
    expect(again.connected).toBe(true);
    again.close();
  });
});
