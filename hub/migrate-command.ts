import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrationNames } from './db/migrate';
import { openDatabase, type HubDb } from './db/open';
import { describeDatabase, postgresConfig } from './db/postgres';
import { FileBlobStore, type BlobStore } from './media/blob-store';
import { parseS3Url } from './media/s3-url';
import { copyBlobs, verifyBlobs } from './transfer/copy-blobs';
import { checkSourceSchema, copyTables, openSource, targetFits, verifyTables } from './transfer/copy-tables';

const USAGE =
  'usage: npm run hub -- migrate --from <SQLite hub data folder> --database postgres://… [--blobs <media folder> | s3://bucket/prefix?…]';

/**
 * `npm run hub -- migrate`: copies a SQLite hub into an empty PostgreSQL database (and its media into
 * another folder or an S3 bucket, when `--blobs` names one), then checks the copy: rows per table, and
 * every blob read back against its sha256. The source is opened read-only. Running it again continues
 * an interrupted copy: whatever is already there is skipped.
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
  const s3Url = values.blobs?.startsWith('s3://') ? values.blobs : undefined;
  if (s3Url) parseS3Url(s3Url);
  const blobsDir = path.resolve(s3Url ? from : (values.blobs ?? from));
  const say = (line: string) => process.stdout.write(`${line}\n`);

  const source = openSource(from);
  const opened = Promise.resolve()
    .then(() => checkSourceSchema(source, migrationNames))
    .then(() => openDatabase({ dataDir: from, databaseUrl: values.database }));
  const { db } = await opened.catch((err: unknown) => {
    source.close();
    throw err;
  });
  try {
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
      source.close();
    }
    await moveBlobs(from, s3Url ?? blobsDir, db, say);
  } finally {
    await db.destroy();
  }
  const media = s3Url ? `--blobs '${s3Url}'` : `--data ${blobsDir}`;
  say(`done: start the hub with --database ${describeDatabase(values.database)} ${media}`);
}

/** Copies the source's blobs to the target folder or bucket (skipped when it is the source folder itself), then reads each back. */
async function moveBlobs(from: string, target: string, db: HubDb, say: (line: string) => void): Promise<void> {
  const sourceBlobs = new FileBlobStore(path.join(from, 'uploads'), path.join(from, 'blobs'));
  let targetBlobs: BlobStore = sourceBlobs;
  try {
    targetBlobs = await openTarget(from, target, db, sourceBlobs);
    if (targetBlobs !== sourceBlobs) {
      const { copied, present } = await copyBlobs(sourceBlobs, targetBlobs);
      say(`copied blobs: ${copied} (${present} already there)`);
    }
    say(`verified blobs: ${await verifyBlobs(sourceBlobs, targetBlobs)} (sha256 of each)`);
  } finally {
    await sourceBlobs.close();
    if (targetBlobs !== sourceBlobs) await targetBlobs.close();
  }
}

async function openTarget(from: string, target: string, db: HubDb, sourceBlobs: FileBlobStore): Promise<BlobStore> {
  if (target.startsWith('s3://')) {
    // Loaded only for a move into S3, as in the hub itself.
    const { S3BlobStore, MAX_S3_BLOB_BYTES } = await import('./media/s3-blob-store');
    return S3BlobStore.open(parseS3Url(target), MAX_S3_BLOB_BYTES, db);
  }
  if (target === from) return sourceBlobs;
  return new FileBlobStore(path.join(target, 'uploads'), path.join(target, 'blobs'));
}
