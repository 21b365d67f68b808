import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with usage errors mapped to exit code 2. */
export function parseFlags<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
