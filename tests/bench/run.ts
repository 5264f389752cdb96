import { parseArgs } from 'node:util';

/** `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each writes bench/results/<name>.json. */
const benchmarks: Record<string, () => Promise<{ run(): Promise<Record<string, unknown>> }>> = {
  import: () => import('./import'),
  packages: () => import('./packages'),
  sync: () => import('./sync'),
  recording: () => import('./recording'),
  search: () => import('./search'),
  talk: () => import('./talk'),
  's3-upload': () => import('./s3-upload'),
  credentials: () => import('./credentials'),
  blur: () => import('./blur'),
};

const { positionals } = parseArgs({ allowPositionals: true });
const names = positionals.length ? positionals : Object.keys(benchmarks);
for (const name of names) {
  const load = benchmarks[name];
  if (!load) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  console.error(`running ${name}…`);
  const figures = await (await load()).run();
  console.log(JSON.stringify({ [name]: figures }, null, 2));
}
