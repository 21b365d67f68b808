// The esbuild settings every bundle for the XS engine shares (the XS test lane,
// bench programs, footprint, engine-equality tests): one iife script, ES2022,
// which XS 13.3 runs natively.
import type { BuildOptions } from 'esbuild';

export const XS_BUNDLE_OPTIONS: Readonly<BuildOptions> = Object.freeze({
  bundle: true,
  format: 'iife',
  target: 'es2022',
  // XS 13.3 (xsnap) throws "not initialized yet" when a class static field
  // refers to its own class (`static BASE = new Point()`, as @noble/curves 2.x
  // does); esbuild lowers static fields to assignments after the class. XS 17
  // on devices does not need this.
  supported: { 'class-static-field': false },
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['import', 'default'],
  logLevel: 'error',
} satisfies BuildOptions);
