/**
 * Event-loop lag per wall-clock second: a 10 ms timer that notes how late it fired. Runs in the
 * servers (heap-probe.ts) and in each load-generator worker, so that a slow second in a phase's
 * timeline can be put down to the server's loop, the load generator's own loop, or neither (then
 * PostgreSQL or the network: pg-activity.ts). The timer is unref'd and costs ~100 wake-ups a second.
 */
import { nowMs } from './clock';

const INTERVAL_MS = 10;

export class LoopLag {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  /** Epoch second → the largest lag seen in it (ms beyond the interval). */
  private readonly bySecond = new Map<number, number>();

  start(): void {
    this.stop();
    this.bySecond.clear();
    this.last = nowMs();
    this.timer = setInterval(() => {
      const now = nowMs();
      const lag = now - this.last - INTERVAL_MS;
      this.last = now;
      if (lag < 1) return;
      const second = Math.floor(now / 1000);
      if (lag > (this.bySecond.get(second) ?? 0)) this.bySecond.set(second, Math.round(lag * 10) / 10);
    }, INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** [epoch second, largest lag ms] for each second with a lag of at least 1 ms, in order. */
  seconds(): [number, number][] {
    return [...this.bySecond].sort((a, b) => a[0] - b[0]);
  }
}
