// A scenario over an external MQTT broker. CI (.ci/run) starts Debian's
// mosquitto on loopback and sets TINYDID_MQTT_URL; the test then proves the
// run went through that broker. Without the variable this suite registers no
// test, so it is neither passed nor failed.
import { equal, ok } from '../support/assert';
import { runCli } from '../support/cli';

const url = process.env.TINYDID_MQTT_URL;

describe('sim: over an external MQTT broker (TINYDID_MQTT_URL)', () => {
  if (url === undefined || url === '') return;
  it(`bob (12 devices) runs over ${url}`, () => {
    const r = runCli(['simulate', 'bob', '--devices', '12', '--seed', '6', '--mqtt', url, '--json']);
    equal(r.status, 0, r.stderr);
    const lines = r.stdout.toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { kind: string; link?: string; text?: string; failed?: number; passed?: number });
    ok(lines.some((l) => l.kind === 'step' && (l.text ?? '').includes(`external broker ${url}`)), 'the transcript names the external broker');
    const mqttMessages = lines.filter((l) => l.kind === 'message' && l.link === 'mqtt');
    ok(mqttMessages.length >= 12 * 5, `only ${mqttMessages.length} MQTT messages`);
    const summary = lines[lines.length - 1];
    equal(summary.kind, 'summary');
    equal(summary.failed, 0);
  });
});
