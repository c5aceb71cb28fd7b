// An attacker on one published table. It knows every published cell, every line total along
// each axis (rows, columns, pillars) with two or more cells, and the grand total, exactly, and that a withheld cell is
// at least 1. It tries two things and reports every withheld cell it can pin to one value:
//   1. subtraction along lines with interval reasoning, iterated until nothing changes;
//   2. linear algebra: a cell is determined when it is a combination of the known totals.
export type AttackInput = { values: number[]; sizes: number[]; suppressed: boolean[] };

function lines(sizes: readonly number[]): number[][] {
  const strides = sizes.map((_, i) => sizes.slice(i + 1).reduce((a, b) => a * b, 1));
  const total = sizes.reduce((a, b) => a * b, 1);
  const out: number[][] = [Array.from({ length: total }, (_, i) => i)];
  sizes.forEach((size, axis) => {
    // A line of one cell has that cell as its total: a cell of the same table without this
    // axis, which is itself published or withheld by the same rules, so it is not given away.
    if (size < 2) return;
    const stride = strides[axis] ?? 1;
    for (let start = 0; start < total; start++) {
      if (Math.floor(start / stride) % size !== 0) continue;
      out.push(Array.from({ length: size }, (_, j) => start + j * stride));
    }
  });
  return out;
}

export function recoverBySubtraction(input: AttackInput): number[] {
  const { values, suppressed } = input;
  const lo = values.map((v, i) => (suppressed[i] ? 1 : v));
  const hi = values.map((v, i) => (suppressed[i] ? Number.POSITIVE_INFINITY : v));
  const all = lines(input.sizes);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of all) {
      const sum = line.reduce((s, c) => s + (values[c] ?? 0), 0);
      for (const c of line) {
        if (!suppressed[c]) continue;
        let othersLo = 0;
        let othersHi = 0;
        for (const o of line) {
          if (o === c) continue;
          othersLo += lo[o] ?? 0;
          othersHi += hi[o] ?? 0;
        }
        const newLo = Math.max(lo[c] ?? 0, sum - othersHi);
        const newHi = Math.min(hi[c] ?? 0, sum - othersLo);
        if (newLo !== lo[c] || newHi !== hi[c]) {
          lo[c] = newLo;
          hi[c] = newHi;
          changed = true;
        }
      }
    }
  }
  return values.flatMap((_, i) => (suppressed[i] && lo[i] === hi[i] ? [i] : []));
}

function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let col = 0; col < width && r < m.length; col++) {
    let pivot = -1;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]?.[col] ?? 0) > 1e-9) pivot = i;
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const p = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      const row = m[i] as number[];
      if (i === r || Math.abs(row[col] ?? 0) < 1e-12) continue;
      const f = (row[col] ?? 0) / (p[col] ?? 1);
      for (let j = col; j < width; j++) row[j] = (row[j] ?? 0) - f * (p[j] ?? 0);
    }
    r++;
  }
  return r;
}

export function recoverByAlgebra(input: AttackInput): number[] {
  const unknowns = input.values.flatMap((_, i) => (input.suppressed[i] ? [i] : []));
  if (unknowns.length === 0) return [];
  const rows = lines(input.sizes)
    .map((line) => unknowns.map((u) => (line.includes(u) ? 1 : 0)))
    .filter((row) => row.some((x) => x !== 0));
  const base = rank(rows);
  return unknowns.filter((_, j) => {
    const unit = unknowns.map((__, i) => (i === j ? 1 : 0));
    return rank([...rows, unit]) === base;
  });
}
