import fs from 'node:fs/promises';
import Database from 'better-sqlite3';
import path from 'node:path';
import { toErrorPayload, type ErrorPayload } from '../../../common/errors';
import type { TestCore } from '../../support/core';
import { dispatch } from '../../../core/dispatch';

/** Calls through the same door the shells use, so the contract's schemas apply as in the app. */
export function caller(core: TestCore) {
  return (name: string, input: unknown) => dispatch(core.api, name, input) as Promise<any>;
}

export async function refusal(core: TestCore, name: string, input: unknown): Promise<ErrorPayload> {
  try {
    await dispatch(core.api, name, input);
  } catch (err) {
    return toErrorPayload(err);
  }
  throw new Error(`${name} accepted ${JSON.stringify(input)}`);
}

async function listTree(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** What a person could notice changing in a library: its records and the files in its media folder. */
export async function librarySnapshot(core: TestCore): Promise<unknown> {
  const db = new Database(path.join(core.dataDir, 'studio.db'), { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      counts: Object.fromEntries(
        ['lessons', 'notes', 'clips', 'collections', 'collection_items', 'archives', 'media_assets', 'lesson_shares'].map((t) => [
          t,
          count(t),
        ]),
      ),
      media: await listTree(path.join(core.dataDir, 'media')),
      staging: await listTree(path.join(core.dataDir, 'staging')),
    };
  } finally {
    db.close();
  }
}
