// Runs on xsnap (bundled by bench/xs-runner.ts): the streaming verification
// pass of a firmware image through the update session against one plain
// SHA-256 pass, with the portable suite (firmware/update/bench-streaming.ts).
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { benchStreaming } from '../../firmware/update/bench-streaming';

declare const SIZE: number;
declare const ROUNDS: number;
declare function print(text: string): void;

const result = benchStreaming({ suite: portableSuite, now: () => performance.now(), size: SIZE, chunk: 4096, rounds: ROUNDS, warmup: 1 });
print(`RESULT ${JSON.stringify(result)}`);
