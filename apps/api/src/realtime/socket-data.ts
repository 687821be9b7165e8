/**
 * What the server keeps on each socket (socket.data). It is plain JSON because other nodes read
 * it through the adapter (fetchSockets) to build presence; nothing here is ever stored.
 */
import type { PlanRole, PresenceFocus } from '#contracts';
import type { Actor } from '../auth/actor';

/** The socket's seat in a plan it has joined: enough to recognise its own revocation in the event stream. */
export interface PlanSeat {
  memberId: string;
  role: PlanRole;
}

/** One device's presence in one plan. */
export interface DevicePresence {
  focus: PresenceFocus | null;
  /** Last heartbeat (or join, or update), ms since the epoch. */
  at: number;
}

/** One device present in a plan, as the nodes tell each other (the node holds its socket). */
export interface PresenceDevice {
  accountId: string;
  name: string;
  node: string;
  focus: PresenceFocus | null;
}

export interface SocketData {
  actor: Actor;
  /** The api node holding the socket (RealtimeServer.nodeId). */
  node: string;
  /** Plans this socket has joined, by plan id. */
  plans: Record<string, PlanSeat>;
  /** Presence by plan id; absent once it timed out (the socket stays in the room for events). */
  presence: Record<string, DevicePresence>;
}

export const planRoom = (planId: string) => `plan:${planId}`;
export const accountRoom = (accountId: string) => `account:${accountId}`;
