import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { newestMtime } from './build';

/**
 * The script of the verify page an offline web export may carry (renderer/verify-page/): the
 * studio's own verifier, its JSON-LD contexts and Ed25519 code bundled with esbuild into one classic
 * script, since a page opened from the disk may load neither modules nor anything from the network.
 *
 * The packaged app ships it prebuilt (`npm run build` writes out/verify-page/verify.js, which
 * main/ reads); the browser shell and the tests build it here the first time an export asks for it,
 * and again when its sources changed, as web/build.ts does for the renderer, so `npm ci && npm test`
 * needs no separate build step. esbuild is a development dependency: it is not in the packaged app.
 */
export function verifyPageFile(root: string): string {
  return path.join(root, 'out', 'verify-page', 'verify.js');
}

export async function buildVerifyPage(root: string): Promise<string> {
  const { build } = await import('esbuild');
  const outFile = verifyPageFile(root);
  const result = await build({
    entryPoints: [path.join(root, 'renderer', 'verify-page', 'main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // DecompressionStream('deflate-raw') and Ed25519 through WebCrypto's SHA-512 set the floor anyway.
    target: ['chrome103', 'firefox113', 'safari16.4'],
    minify: true,
    legalComments: 'eof',
    // The contexts package names each document's file beside its module (`new URL(…, import.meta.url)`),
    // which a classic script has no value for; the address is only a label there, never fetched.
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '"file:///verify.js"' },
    write: false,
    logLevel: 'silent',
    plugins: [withoutZodLocales],
  });
  const text = result.outputFiles[0]!.text;
  await fs.promises.mkdir(path.dirname(outFile), { recursive: true });
  // Written under a temporary name and renamed: two shells building at once never leave half a file.
  const temporary = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  await fs.promises.writeFile(temporary, text);
  await fs.promises.rename(temporary, outFile);
  return text;
}

/**
 * zod's error messages in every language come with its namespace object, though the page shows none
 * of them (it words its own problems): left out, they would be a third of the script.
 */
const withoutZodLocales: Plugin = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

let building: Promise<string> | null = null;

/** The bundled script, built when missing or older than its sources (the page's, common/, and how it is bundled). */
export async function verifyPageScript(root: string): Promise<string> {
  const outFile = verifyPageFile(root);
  const built = fs.existsSync(outFile) ? fs.statSync(outFile).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(root, 'renderer', 'verify-page')),
    newestMtime(path.join(root, 'common')),
    fs.statSync(path.join(root, 'web', 'verify-page.ts')).mtimeMs,
    fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  if (built >= sources) return fs.promises.readFile(outFile, 'utf8');
  building ??= buildVerifyPage(root).finally(() => (building = null));
  return building;
}
