import path from 'node:path';
import { ensureRendererBuilt } from '../../web/build';

/** Build the UI once, before any browser shell starts, so parallel shells never race to build it. */
export default function globalSetup(): void {
  ensureRendererBuilt(path.resolve(import.meta.dirname, '../..'));
}
