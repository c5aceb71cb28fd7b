import { currentPeruMonth } from '../../../../src/shared/months.ts';

export function currentMonthParts(now: Date): { year: string; month: string } {
  const [year = '', month = ''] = currentPeruMonth(now).split('-');
  return { year, month };
}

/** A random UUID v4 from the platform CSPRNG (randomUUID needs a secure context; this does not). */
export function newReportId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Runs `work` once the browser reports the first paint (Paint Timing), so the heavy download
 * never competes with the first screen; at the latest after 3 s, for a browser without Paint
 * Timing or a tab that is not shown (which does not paint).
 */
export function afterFirstPaint(work: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    work();
  };
  try {
    const observer = new PerformanceObserver(() => {
      observer.disconnect();
      window.setTimeout(once, 0);
    });
    observer.observe({ type: 'paint', buffered: true });
  } catch {
    // No Paint Timing: the timer below starts it.
  }
  window.setTimeout(once, 3_000);
}
