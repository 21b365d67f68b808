// Timing helpers for bench entries: run an operation until a time budget is
// spent (after a warm-up) and report operations per second.
export interface Throughput {
  opsPerSecond: number;
  iterations: number;
  ms: number;
}

export async function throughput(op: () => unknown | Promise<unknown>, budgetMs: number, warmup = 3): Promise<Throughput> {
  for (let i = 0; i < warmup; i++) await op();
  let iterations = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    await op();
    iterations++;
    now = performance.now();
  }
  const ms = now - start;
  return { opsPerSecond: (iterations * 1000) / ms, iterations, ms };
}

/** Runs `a` and `b` alternately in rounds so both see the same machine load. */
export async function compare(
  a: () => unknown | Promise<unknown>,
  b: () => unknown | Promise<unknown>,
  budgetMs: number,
  rounds = 3,
): Promise<{ a: Throughput; b: Throughput; ratio: number }> {
  const acc = { a: { iterations: 0, ms: 0 }, b: { iterations: 0, ms: 0 } };
  for (let r = 0; r < rounds; r++) {
    const ta = await throughput(a, budgetMs / rounds, r === 0 ? 3 : 0);
    const tb = await throughput(b, budgetMs / rounds, r === 0 ? 3 : 0);
    acc.a.iterations += ta.iterations;
    acc.a.ms += ta.ms;
    acc.b.iterations += tb.iterations;
    acc.b.ms += tb.ms;
  }
  const opsA = (acc.a.iterations * 1000) / acc.a.ms;
  const opsB = (acc.b.iterations * 1000) / acc.b.ms;
  return {
    a: { opsPerSecond: opsA, iterations: acc.a.iterations, ms: acc.a.ms },
    b: { opsPerSecond: opsB, iterations: acc.b.iterations, ms: acc.b.ms },
    ratio: opsA / opsB,
  };
}
