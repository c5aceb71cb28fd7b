// A throttle that identifies no one: one shared budget of attempts per window for everybody.
// It slows anyone guessing receipt codes without recording who asked. The cost is that a
// flood delays honest look-ups too, for at most one window.
export class GlobalThrottle {
  private windowStart = 0;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** True if one more attempt fits in the current window (and counts it). */
  take(now: number): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }
}
