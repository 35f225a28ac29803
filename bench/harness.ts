/**
 * Timing for the benchmarks: each case runs for a fixed time after a
 * warm-up, the implementations alternate, and the best of the rounds is
 * kept (the least disturbed by the rest of the machine).
 */

export interface Measured {
  /** Operations per second. */
  opsPerSecond: number;
  /** Payload bytes per second. */
  bytesPerSecond: number;
}

/** Runs `batch` (which performs `opsPerBatch` operations of `bytesPerOp` bytes) for `ms` milliseconds. */
export function measureSync(batch: () => void, opsPerBatch: number, bytesPerOp: number, ms: number): Measured {
  const warmUntil = performance.now() + ms / 4;
  while (performance.now() < warmUntil) batch();
  let batches = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    batch();
    batches++;
    now = performance.now();
  }
  const seconds = (now - start) / 1000;
  const ops = (batches * opsPerBatch) / seconds;
  return { opsPerSecond: ops, bytesPerSecond: ops * bytesPerOp };
}

/** Best of `rounds` alternating runs of each candidate. */
export async function compare<K extends string>(
  rounds: number,
  candidates: Record<K, () => Measured | Promise<Measured>>,
): Promise<Record<K, Measured>> {
  const best = {} as Record<K, Measured>;
  for (let round = 0; round < rounds; round++) {
    const order = Object.keys(candidates) as K[];
    if (round % 2 === 1) order.reverse();
    for (const name of order) {
      const result = await candidates[name]();
      if (best[name] === undefined || result.opsPerSecond > best[name].opsPerSecond) best[name] = result;
    }
  }
  return best;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

const rate = (bytesPerSecond: number) => `${(bytesPerSecond / 1024 / 1024).toFixed(1)} MiB/s`;
const ops = (opsPerSecond: number) =>
  opsPerSecond >= 1e6 ? `${(opsPerSecond / 1e6).toFixed(2)} M/s` : opsPerSecond >= 1e3 ? `${(opsPerSecond / 1e3).toFixed(1)} k/s` : `${opsPerSecond.toFixed(0)} /s`;

export interface Row {
  name: string;
  size: number;
  ours: Measured;
  ws: Measured;
}

/** Prints a Markdown table: throughput of each and the ratio ours / ws. */
export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}\n`);
  console.log('| case | size | wsspec | ws | ratio |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows) {
    const ratio = row.ours.opsPerSecond / row.ws.opsPerSecond;
    console.log(
      `| ${row.name} | ${formatBytes(row.size)} | ${rate(row.ours.bytesPerSecond)} (${ops(row.ours.opsPerSecond)}) | ${rate(row.ws.bytesPerSecond)} (${ops(row.ws.opsPerSecond)}) | ${ratio.toFixed(2)} |`,
    );
  }
}
