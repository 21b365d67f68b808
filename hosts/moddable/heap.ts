import Instrumentation from 'instrumentation';

/**
 * One line with the XS heap counters the device runtime keeps (the same ones
 * xsbug shows), or undefined in builds without instrumentation (release).
 */
export function heapReport(): string | undefined {
  const names = ['XS Chunk Heap Used', 'XS Slot Heap Used', 'XS Stack Used', 'XS Modules Loaded'];
  const parts: string[] = [];
  for (const name of names) {
    const index = Instrumentation.map(name);
    const value = index === undefined ? undefined : Instrumentation.get(index);
    parts.push(`${name}=${value === undefined ? '?' : value}`);
  }
  return parts.every((p) => p.endsWith('=?')) ? undefined : parts.join(' ');
}
