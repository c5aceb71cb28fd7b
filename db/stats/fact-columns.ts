// The counted facts of every report, in typed arrays, one slot per report rowid: what exact
// statistics need and nothing else (no id, no box, no day). A query is then one pass over a few
// megabytes instead of a GROUP BY over the report rows (db/stats/fact-count.ts). Rowids here
// are dense (SQLite gives each new report the highest plus one; none is ever chosen), so the
// arrays are about as long as the table; a million reports take about 25 MB.
import { monthIndex } from '../../src/shared/months.ts';
import { FIXED_DIMENSIONS } from '../../src/statistics/tables.ts';

/** Facts with one value per report, each held as its position in the vocabulary. */
export const SINGLE_FACTS = [
  'region',
  'identity',
  'ageBand',
  'nationality',
  'setting',
  'reportedToAuthority',
  'channel',
  'gbvType',
] as const;
export type SingleFact = (typeof SINGLE_FACTS)[number];
/** Facts with several values per report, each held as a bitmask over the vocabulary. */
export const MULTI_FACTS = ['perpetrator', 'violence'] as const;
export type MultiFact = (typeof MULTI_FACTS)[number];

/** A value outside the vocabulary (none can be stored through the API): in totals, in no cell. */
export const NO_CODE = 0xff;
/** Flag bits: the slot holds a report; the report is marked verified. */
export const LIVE = 1;
export const VERIFIED = 2;

/**
 * One report as read from SQL (db/stats/fact-index.ts selects these columns in this order): its
 * rowid, incident month, the single facts in SINGLE_FACTS order, the two JSON arrays of codes,
 * and `verified`. The organisations that hold a box of it are added after (addOrganisation).
 */
export type FactRow = readonly [
  rowid: number,
  month: string,
  region: string,
  identity: string,
  ageBand: string,
  nationality: string,
  setting: string,
  reportedToAuthority: string,
  channel: string,
  gbvType: string,
  perpetrators: string,
  violence: string,
  verified: number,
];

const positions = (codes: readonly string[]): Map<string, number> =>
  new Map(codes.map((code, i) => [code, i]));

/** Position of each code in its vocabulary, for every fixed fact. */
export const CODE_POSITIONS = Object.fromEntries(
  Object.entries(FIXED_DIMENSIONS).map(([d, codes]) => [d, positions(codes)]),
) as Record<SingleFact | MultiFact, Map<string, number>>;

for (const fact of MULTI_FACTS) {
  if (FIXED_DIMENSIONS[fact].length > 32) throw new Error(`${fact}: too many codes for a bitmask`);
}

export class FactColumns {
  /** One past the highest slot ever filled; slots below it without LIVE are empty. */
  length = 0;
  flags = new Uint8Array(0);
  month = new Int32Array(0);
  readonly codes = {} as Record<SingleFact, Uint8Array>;
  readonly masks = {} as Record<MultiFact, Uint32Array>;
  /** Per organisation, one bit per slot: the report reached that organisation. */
  private readonly orgBits = new Map<string, Uint32Array>();
  /** Bounds of every month ever stored (a deletion does not narrow them): the month axis. */
  monthMin = Number.POSITIVE_INFINITY;
  monthMax = Number.NEGATIVE_INFINITY;
  private capacity = 0;
  // Few distinct months and lists recur across a million reports, so each text is parsed once.
  private readonly monthOf = new Map<string, number>();
  private readonly maskOf: Record<MultiFact, Map<string, number>> = {
    perpetrator: new Map(),
    violence: new Map(),
  };

  constructor() {
    this.grow(1024);
  }

  /** The organisation's bits, or undefined when no report ever reached it. */
  organisation(orgId: string): Uint32Array | undefined {
    return this.orgBits.get(orgId);
  }

  /** Stores (or replaces) a report, in the slot of its rowid, as yet in no organisation. */
  put(row: FactRow): void {
    const slot = row[0];
    if (slot >= this.capacity) this.grow(Math.max(slot + 1, Math.ceil(this.capacity * 1.5)));
    this.clearOrganisations(slot);
    let month = this.monthOf.get(row[1]);
    if (month === undefined) {
      month = monthIndex(row[1]);
      this.monthOf.set(row[1], month);
    }
    this.month[slot] = month;
    if (month < this.monthMin) this.monthMin = month;
    if (month > this.monthMax) this.monthMax = month;
    for (let j = 0; j < SINGLE_FACTS.length; j++) {
      const fact = SINGLE_FACTS[j] as SingleFact;
      this.codes[fact][slot] = CODE_POSITIONS[fact].get(row[j + 2] as string) ?? NO_CODE;
    }
    this.masks.perpetrator[slot] = this.mask('perpetrator', row[10]);
    this.masks.violence[slot] = this.mask('violence', row[11]);
    this.flags[slot] = LIVE | (row[12] ? VERIFIED : 0);
    if (slot >= this.length) this.length = slot + 1;
  }

  /** Records that the report in `slot` (stored with put) reached the organisation. */
  addOrganisation(slot: number, orgId: string): void {
    let bits = this.orgBits.get(orgId);
    if (!bits) {
      bits = new Uint32Array(this.capacity >>> 5);
      this.orgBits.set(orgId, bits);
    }
    bits[slot >>> 5] = (bits[slot >>> 5] ?? 0) | (1 << (slot & 31));
  }

  /** The slot holds a report. */
  isLive(slot: number): boolean {
    return ((this.flags[slot] ?? 0) & LIVE) !== 0;
  }

  /** Empties every slot above `slot`. */
  dropAbove(slot: number): void {
    for (let at = slot + 1; at < this.length; at++) this.drop(at);
    this.length = Math.min(this.length, slot + 1);
  }

  /** Empties `slot` (the report was deleted). */
  drop(slot: number): void {
    if (slot >= this.length) return;
    this.flags[slot] = 0;
    this.clearOrganisations(slot);
  }

  private clearOrganisations(slot: number): void {
    const keep = ~(1 << (slot & 31));
    for (const bits of this.orgBits.values()) bits[slot >>> 5] = (bits[slot >>> 5] ?? 0) & keep;
  }

  private mask(fact: MultiFact, json: string): number {
    let mask = this.maskOf[fact].get(json);
    if (mask === undefined) {
      mask = 0;
      for (const code of JSON.parse(json) as string[]) {
        const at = CODE_POSITIONS[fact].get(code);
        if (at !== undefined) mask |= 1 << at;
      }
      // Unsigned, so that bit 31 reads back the same from a Uint32Array.
      mask >>>= 0;
      this.maskOf[fact].set(json, mask);
    }
    return mask;
  }

  private grow(capacity: number): void {
    // A whole number of 32-slot words, so the organisation bitsets line up.
    const size = Math.ceil(capacity / 32) * 32;
    const copy = <T extends Uint8Array | Int32Array | Uint32Array>(
      old: T,
      make: (n: number) => T,
    ) => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
    this.month = copy(this.month, (n) => new Int32Array(n));
    for (const fact of SINGLE_FACTS) {
      this.codes[fact] = copy(this.codes[fact] ?? new Uint8Array(0), (n) => new Uint8Array(n));
    }
    for (const fact of MULTI_FACTS) {
      this.masks[fact] = copy(this.masks[fact] ?? new Uint32Array(0), (n) => new Uint32Array(n));
    }
    for (const [orgId, bits] of this.orgBits) {
      this.orgBits.set(
        orgId,
        copy(bits, (n) => new Uint32Array(n >>> 5)),
      );
    }
    this.capacity = size;
  }
}
