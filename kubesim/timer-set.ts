// Owned timers: everything the simulator schedules goes through one of these so stop() can clear it all.
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  set(fn: () => void, ms: number): NodeJS.Timeout | undefined {
    if (this.closed) return undefined;
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(t);
    return t;
  }

  clear(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  get size(): number {
    return this.timers.size;
  }

  clearAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  close(): void {
    this.closed = true;
    this.clearAll();
  }
}
