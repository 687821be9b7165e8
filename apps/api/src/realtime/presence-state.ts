/**
 * Presence as data: from the devices in a plan's room (on every node) to the state the room
 * sees. Pure: the service gathers the devices, this decides who is present and how they show.
 */
import type { PresenceFocus, PresenceParticipant, PresenceState } from '#contracts';
import type { DevicePresence, PresenceDevice } from './socket-data';

export interface DeviceInPlan {
  accountId: string;
  name: string;
  /** The node holding the device's socket. */
  node?: string;
  presence: DevicePresence | undefined;
}

/** Whether a device's presence is still in force at `now`. */
export function isFresh(presence: DevicePresence | undefined, now: number, timeoutMs: number): presence is DevicePresence {
  return presence !== undefined && now - presence.at < timeoutMs;
}

export function summarizePresence(planId: string, devices: DeviceInPlan[], now: number, timeoutMs: number): PresenceState {
  return summarizeDevices(planId, presentDevices(devices, now, timeoutMs));
}

/** The devices whose presence is in force at `now`, as the nodes tell each other. */
export function presentDevices(devices: DeviceInPlan[], now: number, timeoutMs: number): PresenceDevice[] {
  const out: PresenceDevice[] = [];
  for (const d of devices) {
    if (isFresh(d.presence, now, timeoutMs))
      out.push({ accountId: d.accountId, name: d.name, node: d.node ?? '', focus: d.presence.focus });
  }
  return out;
}

/** What the room sees: one participant per account, with their devices' focus, sorted by name. */
export function summarizeDevices(planId: string, devices: PresenceDevice[]): PresenceState {
  const byAccount = new Map<string, PresenceParticipant>();
  for (const d of devices) {
    let p = byAccount.get(d.accountId);
    if (!p) {
      p = { accountId: d.accountId, name: d.name, devices: 0, focus: [] };
      byAccount.set(d.accountId, p);
    }
    p.devices += 1;
    if (d.focus) p.focus.push(d.focus);
  }
  const participants = [...byAccount.values()].sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.accountId.localeCompare(b.accountId));
  for (const p of participants) p.focus.sort((a, b) => focusKey(a).localeCompare(focusKey(b)));
  return { planId, participants };
}

const focusKey = (f: PresenceFocus) => `${f.entityType}\u0000${f.entityId}\u0000${f.field ?? ''}\u0000${f.mode}`;

/** Two states are the same when the room would see no difference. */
export function samePresence(a: PresenceState | undefined, b: PresenceState): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
