import { parseArgs } from 'node:util';

/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each writes bench/results/<name>.json.
 * Options go to every benchmark named; those that take none ignore them (hub-scale: `--studios <n>`,
 * `--pause-ms <ms>`, `--with-s3`, `--only studios|ratio`; blur: `--seconds <n>`).
 */
type BenchOptions = Record<string, string | boolean | undefined>;
const benchmarks: Record<string, () => Promise<{ run(options?: BenchOptions): Promise<Record<string, unknown>> }>> = {
  import: () => import('./import'),
  packages: () => import('./packages'),
  sync: () => import('./sync'),
  recording: () => import('./recording'),
  search: () => import('./search'),
  talk: () => import('./talk'),
  's3-upload': () => import('./s3-upload'),
  credentials: () => import('./credentials'),
  blur: () => import('./blur'),
  'hub-scale': () => import('./hub-scale'),
};

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string' },
    studios: { type: 'string' },
    'pause-ms': { type: 'string' },
    'with-s3': { type: 'boolean' },
    only: { type: 'string' },
  },
});
const names = positionals.length ? positionals : Object.keys(benchmarks);
for (const name of names) {
  const load = benchmarks[name];
  if (!load) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  console.error(`running ${name}…`);
  const figures = await (await load()).run(values);
  console.log(JSON.stringify({ [name]: figures }, null, 2));
}
