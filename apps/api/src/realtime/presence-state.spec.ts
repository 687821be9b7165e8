import type { PresenceFocus } from '#contracts';
import { isFresh, summarizePresence, type DeviceInPlan } from './presence-state';

const goalTitle: PresenceFocus = { entityType: 'goal', entityId: 'g1', field: 'title', mode: 'editing' };
const device = (accountId: string, name: string, at: number | undefined, focus: PresenceFocus | null = null): DeviceInPlan => ({
  accountId,
  name,
  presence: at === undefined ? undefined : { at, focus },
});

describe('summarizePresence', () => {
  it('counts one participant per account with the number of devices and each device focus', () => {
    const state = summarizePresence(
      'p1',
      [device('a', 'Kari', 1000, goalTitle), device('a', 'Kari', 1000), device('b', 'Ola', 1000)],
      1000,
      500,
    );
    expect(state).toEqual({
      planId: 'p1',
      participants: [
        { accountId: 'a', name: 'Kari', devices: 2, focus: [goalTitle] },
        { accountId: 'b', name: 'Ola', devices: 1, focus: [] },
      ],
    });
  });

  it('leaves out devices whose heartbeat is older than the timeout, and devices without presence', () => {
    const state = summarizePresence('p1', [device('a', 'Kari', 100), device('b', 'Ola', 900), device('c', 'Per', undefined)], 1000, 500);
    expect(state.participants.map((p) => p.accountId)).toEqual(['b']);
  });

  it('orders participants by name (Norwegian collation), then by id', () => {
    const state = summarizePresence('p1', [device('x', 'Øyvind', 1), device('y', 'Åse', 1), device('z', 'Anne', 1)], 1, 500);
    expect(state.participants.map((p) => p.name)).toEqual(['Anne', 'Øyvind', 'Åse']);
  });
});

describe('isFresh', () => {
  it('is fresh until the timeout has passed', () => {
    expect(isFresh({ at: 0, focus: null }, 499, 500)).toBe(true);
    expect(isFresh({ at: 0, focus: null }, 500, 500)).toBe(false);
    expect(isFresh(undefined, 0, 500)).toBe(false);
  });
});
