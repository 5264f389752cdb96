/**
 * A studio core in a process of its own, so a test can kill it the way a crash or a pulled plug
 * would (SIGKILL: no shutdown code runs). It prints every transfer progress event as a JSON line.
 */
import { createCore } from '../../../core';
import { fileSecretStore } from '../../../core/secrets/secret-store';

const dataDir = process.argv[2]!;
const chunkBytes = Number(process.argv[3]);
const core = await createCore({
  dataDir,
  shell: 'web',
  version: '0.0.0-test',
  secrets: fileSecretStore(dataDir),
  sync: { chunkBytes, debounceMs: 20 },
});
core.bus.subscribe((name, payload) => {
  if (name === 'transfers.progress') process.stdout.write(`${JSON.stringify(payload)}\n`);
});
process.stdout.write('ready\n');
