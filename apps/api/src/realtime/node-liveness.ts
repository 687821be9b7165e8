/**
 * Which other api nodes are alive, from their heartbeats on the bus. A node not heard from for
 * `timeoutMs` has lapsed; a lapsed node heard again has come back (it was only slow, or its
 * messages were held up). Pure logic: the caller brings the clock.
 */
/** A lapsed node is remembered this long (node ids are new on every start, so the list would only grow). */
const REMEMBER_LAPSED_MS = 60 * 60 * 1000;

export class NodeLiveness {
  private readonly lastHeard = new Map<string, number>();
  /** Lapsed nodes, with when they lapsed. */
  private readonly lapsedNodes = new Map<string, number>();

  constructor(
    private readonly self: string,
    private readonly timeoutMs: number,
  ) {}

  /** A heartbeat (or any message) from `node`. True when the node had lapsed and is back. */
  heard(node: string, now: number): boolean {
    if (node === this.self) return false;
    this.lastHeard.set(node, now);
    return this.lapsedNodes.delete(node);
  }

  /** The nodes that lapsed since the last check. */
  check(now: number): string[] {
    const lapsed: string[] = [];
    for (const [node, at] of this.lastHeard) {
      if (now - at < this.timeoutMs) continue;
      this.lastHeard.delete(node);
      this.lapsedNodes.set(node, now);
      lapsed.push(node);
    }
    for (const [node, at] of this.lapsedNodes) if (now - at > REMEMBER_LAPSED_MS) this.lapsedNodes.delete(node);
    return lapsed;
  }

  isLapsed(node: string): boolean {
    return this.lapsedNodes.has(node);
  }
}
