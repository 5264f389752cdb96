import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrationNames } from './db/migrate';
import { openDatabase } from './db/open';
import { describeDatabase, postgresConfig } from './db/postgres';
import { FileBlobStore } from './media/blob-store';
import { copyBlobs, verifyBlobs } from './transfer/copy-blobs';
import { checkSourceSchema, copyTables, openSource, targetFits, verifyTables } from './transfer/copy-tables';

const USAGE = 'usage: npm run hub -- migrate --from <SQLite hub data folder> --database postgres://… [--blobs <media folder>]';

/**
 * `npm run hub -- migrate`: copies a SQLite hub into an empty PostgreSQL database (and its media into
 * another folder, when `--blobs` names one), then checks the copy: rows per table, and every blob
 * read back against its sha256. The source is opened read-only. Running it again continues an
 * interrupted copy: whatever is already there is skipped.
 */
export async function migrateCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, database: { type: 'string' }, blobs: { type: 'string' } },
    strict: true,
  });
  if (!values.from || !values.database) throw new Error(USAGE);
  const from = path.resolve(values.from);
  if (!existsSync(path.join(from, 'hub.sqlite'))) throw new Error(`${from} holds no hub.sqlite: --from names a SQLite hub's data folder`);
  postgresConfig(values.database);
  const blobsDir = path.resolve(values.blobs ?? from);
  const say = (line: string) => process.stdout.write(`${line}\n`);

  const source = openSource(from);
  try {
    checkSourceSchema(source, migrationNames);
    const { db } = await openDatabase({ dataDir: from, databaseUrl: values.database });
    try {
      if (!(await targetFits(source, db))) {
        throw new Error(`${describeDatabase(values.database)} already holds another hub; migrate into an empty database`);
      }
      await copyTables(source, db, (table, rows) => say(`copied ${table}: ${rows} rows`));
      const counts = await verifyTables(source, db);
      say(
        `verified rows: ${Object.entries(counts)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      );
    } finally {
      await db.destroy();
    }
  } finally {
    source.close();
  }

  const sourceBlobs = new FileBlobStore(path.join(from, 'uploads'), path.join(from, 'blobs'));
  const targetBlobs = blobsDir === from ? sourceBlobs : new FileBlobStore(path.join(blobsDir, 'uploads'), path.join(blobsDir, 'blobs'));
  try {
    if (targetBlobs !== sourceBlobs) {
      const { copied, present } = await copyBlobs(sourceBlobs, targetBlobs);
      say(`copied blobs: ${copied} (${present} already there)`);
    }
    say(`verified blobs: ${await verifyBlobs(sourceBlobs, targetBlobs)} (sha256 of each)`);
  } finally {
    await sourceBlobs.close();
    if (targetBlobs !== sourceBlobs) await targetBlobs.close();
  }
  say(`done: start the hub with --database ${describeDatabase(values.database)} --data ${blobsDir}`);
}
