/**
 * A studio core in a process of its own for the benchmarks, as a second device is on a real network:
 * its work runs on its own core, not between the first device's. It answers JSON lines on stdin
 * (`{id, name, args}`) with `{id, result}` or `{id, error}` on stdout.
 */
import readline from 'node:readline';
import { startDevice } from '../integration/sync/devices';

const device = await startDevice(process.argv[2]!, JSON.parse(process.argv[3] ?? '{}'));
const reply = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, name, args } = JSON.parse(line) as { id: number; name: string; args: unknown };
  device.call(name as never, args as never).then(
    (result) => reply({ id, result }),
    (err: unknown) => reply({ id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.stdin.once('end', () => void device.dispose({ keepData: true }).then(() => process.exit(0)));
reply({ ready: true });
