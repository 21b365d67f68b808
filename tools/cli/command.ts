// What a CLI command is: a name, a one-line summary, its usage text and a run
// function that returns the exit code (or throws; see exit.ts).
export interface CommandIo {
  stdout: (data: string | Uint8Array) => void;
  stderr: (text: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CommandIo): Promise<number> | number;
}
