import { currentPeruMonth } from '../../../src/months.ts';

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
