import path from 'node:path';
import { buildVerifyPage, verifyPageFile } from '../web/verify-page';

/** `npm run build`: the verify page's script for the packaged app, which has no esbuild to make it. */
const root = path.resolve(import.meta.dirname, '..');
await buildVerifyPage(root);
console.log(`built ${path.relative(root, verifyPageFile(root))}`);
