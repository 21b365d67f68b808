// Builds the XS engine (`xsnap`) from the C sources shipped in the npm package
// @agoric/xsnap (pinned below), without running that package's install script:
// npm pack, unpack, make. The binary is cached outside the git tree and outside
// node_modules (npm ci wipes that), and rebuilt only when missing.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const XSNAP_PACKAGE = '@agoric/xsnap@0.15.0';

export function xsnapCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'tinydid', XSNAP_PACKAGE.replace(/[@/]/g, '_').replace(/^_/, ''));
}

export interface XsnapVariant {
  /** C compiler command for make (e.g. with -D flags). */
  cc?: string;
  /** Changes the unpacked package (its root directory) before make. */
  patch?: (packageDir: string) => void;
}

/**
 * npm pack XSNAP_PACKAGE, unpack, patch, make, and install the binary at
 * `binary` (copied then renamed, so a half-copied binary is never used).
 */
export function buildXsnap(binary: string, variant: XsnapVariant = {}): void {
  const work = mkdtempSync(join(tmpdir(), 'tinydid-xsnap-'));
  try {
    execFileSync('npm', ['pack', XSNAP_PACKAGE, '--loglevel=error', '--pack-destination', work], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${XSNAP_PACKAGE} produced no tarball`);
    execFileSync('tar', ['xzf', tarball], { cwd: work });
    const packageDir = join(work, 'package');
    variant.patch?.(packageDir);
    const moddable = join(packageDir, 'moddable');
    const cc = variant.cc === undefined ? [] : [`CC=${variant.cc}`];
    execFileSync('make', ['-s', 'GOAL=release', `MODDABLE=${moddable}`, ...cc, '-f', 'xsnap.mk'], {
      cwd: join(packageDir, 'xsnap-native', 'xsnap', 'makefiles', 'lin'),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const built = join(moddable, 'build', 'bin', 'lin', 'release', 'xsnap');
    if (!existsSync(built)) throw new Error(`make finished but ${built} is missing`);
    mkdirSync(dirname(binary), { recursive: true });
    copyFileSync(built, `${binary}.partial`);
    chmodSync(`${binary}.partial`, 0o755);
    renameSync(`${binary}.partial`, binary);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Path of a working xsnap binary, building it first when it is missing. */
export function ensureXsnap(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  if (process.env.TINYDID_XSNAP) return process.env.TINYDID_XSNAP;
  const binary = join(xsnapCacheDir(), 'xsnap');
  if (existsSync(binary)) return binary;
  const started = Date.now();
  log(`building xsnap from ${XSNAP_PACKAGE} (one time, about 20 s) ...`);
  buildXsnap(binary);
  log(`xsnap built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${binary}`);
  return binary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${ensureXsnap()}\n`);
}
