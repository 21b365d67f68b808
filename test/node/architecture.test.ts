// DESIGN section 2: arrows point one way (simulator, tools -> hosts -> firmware);
// firmware/ imports nothing outside firmware/ except its declared npm dependencies.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { equal, ok } from '../support/assert';
import { PROJECT_ROOT, importSpecifiers, readSource, sourceFiles } from '../support/source-files';

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const RUNTIME_DEPENDENCIES = Object.keys(pkg.dependencies).filter((name) => name !== 'tsx');

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Why `specifier` may not be imported from firmware file `file`, or null when it may. */
export function firmwareImportViolation(file: string, specifier: string): string | null {
  if (specifier.startsWith('node:')) return 'a node: module';
  if (specifier.startsWith('.')) {
    const target = normalize(join(dirname(file), specifier)).split('\\').join('/');
    return target.startsWith('firmware/') ? null : `outside firmware/ (${target})`;
  }
  return RUNTIME_DEPENDENCIES.includes(packageName(specifier)) ? null : 'not a declared runtime dependency';
}

describe('architecture: firmware/ stays portable', () => {
  it('every import in firmware/ is firmware/ or a declared runtime dependency', () => {
    const files = sourceFiles('firmware');
    ok(files.length > 0, 'firmware/ has sources');
    const violations: string[] = [];
    for (const file of files) {
      for (const spec of importSpecifiers(readSource(file))) {
        const why = firmwareImportViolation(file, spec);
        if (why) violations.push(`${file}: '${spec}' is ${why}`);
      }
    }
    equal(violations.join('\n'), '');
  });
  it('the rule itself catches what it must', () => {
    equal(firmwareImportViolation('firmware/bytes/hex.ts', 'node:fs'), 'a node: module');
    ok(firmwareImportViolation('firmware/bytes/hex.ts', '../../hosts/node/random'));
    ok(firmwareImportViolation('firmware/bytes/hex.ts', '../../simulator/x'));
    ok(firmwareImportViolation('firmware/bytes/hex.ts', 'fs'));
    ok(firmwareImportViolation('firmware/bytes/hex.ts', 'mocha'));
    equal(firmwareImportViolation('firmware/cose/sign1.ts', '../bytes/hex'), null);
    equal(firmwareImportViolation('firmware/cose/sign1.ts', '@noble/curves/ed25519.js'), null);
  });
  it('hosts/ never imports simulator/ or tools/', () => {
    const violations: string[] = [];
    for (const file of sourceFiles('hosts')) {
      for (const spec of importSpecifiers(readSource(file))) {
        if (/(^|\/)(simulator|tools)\//.test(spec)) violations.push(`${file}: ${spec}`);
      }
    }
    equal(violations.join('\n'), '');
  });
  it('no Math.random in firmware/ or hosts/', () => {
    const hits = [...sourceFiles('firmware'), ...sourceFiles('hosts')].filter((f) => /Math\.random\s*\(/.test(readSource(f)));
    equal(hits.join(', '), '');
  });
  // XS 17 crashes in RegExp exec on a RegExp preloaded into flash
  // (hosts/moddable/README.md, "Heap"): no RegExp made by a module body.
  it('no module-level RegExp literal in firmware/ or hosts/moddable/', () => {
    const moduleLevel = /^(export )?(const|let) \w+ = \/(?![/*])/m;
    const hits = [...sourceFiles('firmware'), ...sourceFiles('hosts/moddable')].filter((f) => moduleLevel.test(readSource(f)));
    equal(hits.join(', '), '');
  });
  it('the RegExp rule catches a module-level literal and lets a function-made one pass', () => {
    const moduleLevel = /^(export )?(const|let) \w+ = \/(?![/*])/m;
    ok(moduleLevel.test('const X = /^a+$/;'), 'module-level literal');
    ok(!moduleLevel.test('const X = (): RegExp => /^a+$/;'), 'function-made literal');
  });
});
