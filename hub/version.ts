import { readFileSync } from 'node:fs';

/** The hub ships inside the app's package, so it reports the package's version. */
export const hubVersion: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
