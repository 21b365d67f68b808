// describe/it for the XS lane (xsnap): collects the suites, runs every test in
// order (awaiting promises), prints each failure and one line `N passed, N failed`.
// xsnap exits 0 on an unhandled rejection, so a failing run ends with a throw
// from a setImmediate callback, which makes xsnap exit non-zero.

declare function print(...values: unknown[]): void;
declare function setImmediate(callback: () => void): void;

interface Case {
  title: string;
  body: () => void | Promise<unknown>;
}

const cases: Case[] = [];
const path: string[] = [];

function describe(title: string, body: () => void): void {
  path.push(title);
  try {
    body();
  } finally {
    path.pop();
  }
}

function it(title: string, body: () => void | Promise<unknown>): void {
  cases.push({ title: [...path, title].join(' > '), body });
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${code !== undefined ? ` [${String(code)}]` : ''}: ${error.message}${error.stack ? `\n${error.stack}` : ''}`;
  }
  return String(error);
}

export function installHarness(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.describe = describe;
  g.it = it;
}

export async function runAll(): Promise<void> {
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  for (const test of cases) {
    try {
      await test.body();
      passed++;
    } catch (error) {
      failed++;
      print(`FAIL ${test.title}\n  ${describeError(error).split('\n').join('\n  ')}`);
    }
  }
  print(`xs lane: ${cases.length} tests in ${Date.now() - started} ms`);
  print(`${passed} passed, ${failed} failed`);
  if (failed > 0 || cases.length === 0) {
    setImmediate(() => {
      throw new Error(cases.length === 0 ? 'no tests ran' : `${failed} failed`);
    });
  }
}
