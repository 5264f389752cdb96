import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callNames } from '../../../common/contract';

/** The prefixes answered outside `core/<prefix>/calls.ts`, as docs/architecture.md lists them. */
const folderOf: Record<string, string> = {
  lessons: 'library',
  reviews: 'review',
  notifications: 'review',
  capture: 'recording',
  hub: 'sync',
  communities: 'sync',
  members: 'sync',
  invites: 'sync',
  sharing: 'sync',
  sync: 'sync',
  transfers: 'sync',
};

const root = path.resolve(import.meta.dirname, '../../..');

describe('where a call is answered', () => {
  it('is core/<prefix>/calls.ts, or the folder the architecture document names for the prefix', () => {
    const misplaced = callNames.filter((name) => {
      const prefix = name.split('.')[0]!;
      const file = path.join(root, 'core', folderOf[prefix] ?? prefix, 'calls.ts');
      return !fs.existsSync(file) || !fs.readFileSync(file, 'utf8').includes(`'${name}':`);
    });
    expect(misplaced).toEqual([]);
  });

  it('documents each exception in docs/architecture.md', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
    for (const [prefix, folder] of Object.entries(folderOf)) {
      const row = doc.split('\n').find((line) => line.includes(`\`${prefix}.*\``) && line.startsWith('  |'));
      expect(row, prefix).toContain(`\`core/${folder}/calls.ts\``);
    }
  });
});
