// `tinydid <command> [flags]`: dispatch, help, and the exit-code contract (exit.ts).
import type { CommandIo } from './command';
import { COMMANDS } from './commands/index';
import { EXIT, UsageError, reportError } from './exit';

const defaultIo: CommandIo = {
  stdout: (data) => process.stdout.write(data),
  stderr: (text) => process.stderr.write(text),
};

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `tinydid: a DIDComm agent for small devices

usage: tinydid <command> [flags]
       tinydid help [command]

commands:
${lines.join('\n')}

exit codes: 0 done/valid, 1 rejected input (stderr: error: CODE: message),
            2 usage error, 3 I/O error
`;
}

export async function main(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = name === 'help' ? rest[0] : undefined;
      if (topic === undefined) {
        io.stdout(overview());
        return name === undefined ? EXIT.usage : EXIT.ok;
      }
      const entry = COMMANDS[topic];
      if (!entry) throw new UsageError(`unknown command '${topic}'`);
      io.stdout(`${(await entry.load()).usage}\n`);
      return EXIT.ok;
    }
    const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!entry) throw new UsageError(`unknown command '${name}'`);
    const command = await entry.load();
    if (rest.includes('--help')) {
      io.stdout(`${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io.stderr);
  }
}
