// `npm run firmware -- --product glucose-meter --target esp32|nrf52|lin [options]`
//
// Builds a product image with the Moddable SDK's mcconfig when $MODDABLE points
// at an installed SDK (README "Building firmware"). Exit codes follow the CLI
// contract: 0 built, 2 usage error, 3 something missing (SDK, tool, toolchain),
// or mcconfig's own failure as 1.
//
//   --product NAME     glucose-meter | insole
//   --target T         esp32 | nrf52 | lin
//   --debug            mcconfig -d (instrumented; connects to xsbug)
//   --flash            build and flash/launch (mcconfig -m without -t build)
//   --output DIR       mcconfig -o DIR (default: $MODDABLE/build)
//   --modules          regenerate manifests/<product>/modules.json and exit
//   --dry-run          print the mcconfig command line and exit
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS, type Target } from './closure';
import { generateModulesManifest, modulesManifestPath, PRODUCTS } from './modules';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface BuildOptions {
  product: string;
  target: Target;
  debug: boolean;
  flash: boolean;
  output?: string;
  modules: boolean;
  dryRun: boolean;
}

export class MissingError extends Error {}
export class BuildUsageError extends Error {}

export function parseArgs(argv: string[]): BuildOptions {
  const options: Partial<BuildOptions> = { debug: false, flash: false, modules: false, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new BuildUsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--product') options.product = value();
    else if (arg === '--target') options.target = value() as Target;
    else if (arg === '--output') options.output = value();
    else if (arg === '--debug') options.debug = true;
    else if (arg === '--flash') options.flash = true;
    else if (arg === '--modules') options.modules = true;
    else if (arg === '--dry-run') options.dryRun = true;
    else throw new BuildUsageError(`unknown argument ${arg}`);
  }
  if (options.product === undefined || !PRODUCTS.includes(options.product)) {
    throw new BuildUsageError(`--product must be one of ${PRODUCTS.join(', ')}`);
  }
  if (!options.modules && (options.target === undefined || !TARGETS.includes(options.target))) {
    throw new BuildUsageError(`--target must be one of ${TARGETS.join(', ')}`);
  }
  return options as BuildOptions;
}

function which(command: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** What the build needs from the machine, checked before mcconfig runs. */
export function checkEnvironment(target: Target, env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; mcconfig: string } {
  const moddable = env.MODDABLE;
  if (moddable === undefined || moddable === '') {
    throw new MissingError(
      'MODDABLE is not set: install the Moddable SDK (https://github.com/Moddable-OpenSource/moddable/blob/public/documentation/Moddable%20SDK%20-%20Getting%20Started.md), build its tools, and export MODDABLE=<sdk directory>',
    );
  }
  const host = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'win' : 'lin';
  const toolsDir = join(moddable, 'build', 'bin', host, 'release');
  const mcconfig = join(toolsDir, process.platform === 'win32' ? 'mcconfig.exe' : 'mcconfig');
  if (!existsSync(join(moddable, 'tools', 'mcconfig.js')) && !existsSync(mcconfig)) {
    throw new MissingError(`MODDABLE=${moddable} is not a Moddable SDK directory (no tools/mcconfig.js)`);
  }
  if (!existsSync(mcconfig)) {
    throw new MissingError(`the Moddable tools are not built: ${mcconfig} is missing (run make in $MODDABLE/build/makefiles/${host}, see the SDK's Getting Started for your OS)`);
  }
  // mcconfig compiles our .ts modules with `tsc`: the project's own TypeScript.
  const path = [toolsDir, join(ROOT, 'node_modules', '.bin'), env.PATH ?? ''].join(delimiter);
  if (which('tsc', path) === undefined) throw new MissingError('tsc is not installed: run npm ci');
  if (target === 'esp32' && (env.IDF_PATH === undefined || env.IDF_PATH === '')) {
    throw new MissingError('IDF_PATH is not set: install ESP-IDF as the Moddable ESP32 guide says (documentation/devices/esp32.md) and source its export.sh');
  }
  if (target === 'nrf52' && (env.NRF_SDK_DIR === undefined || env.NRF_SDK_DIR === '')) {
    throw new MissingError('NRF_SDK_DIR is not set: install the nRF5 SDK and the GNU Arm toolchain as the Moddable nRF52 guide says (documentation/devices/nrf52.md)');
  }
  return { env: { ...env, PATH: path }, mcconfig };
}

/** The mcconfig arguments for a build (run in the product's manifest directory). */
export function mcconfigArgs(options: BuildOptions): string[] {
  const args = [options.debug ? '-d' : '-m', '-p', options.target];
  if (options.debug) args.push('-m');
  // Without --flash, build only: mcconfig's default target also launches the
  // simulator or flashes the device.
  if (!options.flash) args.push('-t', 'build');
  if (options.output !== undefined) args.push('-o', resolve(options.output));
  args.push(join(ROOT, 'manifests', options.product, 'manifest.json'));
  return args;
}

export async function main(argv: string[]): Promise<number> {
  let options: BuildOptions;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\nusage: npm run firmware -- --product ${PRODUCTS.join('|')} --target ${TARGETS.join('|')} [--debug] [--flash] [--output DIR] [--modules] [--dry-run]\n`);
    return 2;
  }
  if (options.modules) {
    const path = join(ROOT, modulesManifestPath(options.product));
    writeFileSync(path, JSON.stringify(await generateModulesManifest(ROOT, options.product), null, '\t') + '\n');
    process.stdout.write(`wrote ${modulesManifestPath(options.product)}\n`);
    return 0;
  }
  let checked: { env: NodeJS.ProcessEnv; mcconfig: string };
  try {
    checked = checkEnvironment(options.target, process.env);
  } catch (e) {
    if (e instanceof MissingError) {
      process.stderr.write(`error: cannot build ${options.product} for ${options.target}: ${e.message}\n`);
      return 3;
    }
    throw e;
  }
  if (options.output !== undefined && !existsSync(resolve(options.output))) {
    process.stderr.write(`error: --output ${options.output} does not exist\n`);
    return 3;
  }
  const args = mcconfigArgs(options);
  process.stdout.write(`mcconfig ${args.join(' ')}\n`);
  if (options.dryRun) return 0;
  const child = spawnSync(checked.mcconfig, args, { cwd: join(ROOT, 'manifests', options.product), env: checked.env, stdio: 'inherit' });
  if (child.error !== undefined) {
    process.stderr.write(`error: could not run mcconfig: ${child.error.message}\n`);
    return 3;
  }
  return child.status === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
