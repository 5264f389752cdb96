import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase } from '../db/open';
import { rotateIssuer } from './issuer-keys';

/**
 * `npm run hub:rotate-issuer -- --data <hub data folder> [--database postgres://…] --community <id>`: retires the community's
 * issuer key and makes a new one. Credentials signed before keep verifying (their did:key is their
 * public key) and keep their revocation list; new awards are signed with the new key.
 */
const argsSchema = z.object({
  data: z.string().min(1).default('hub-data'),
  database: z.string().startsWith('postgres').optional(),
  community: z.uuid(),
});

const { values } = parseArgs({
  options: { data: { type: 'string' }, database: { type: 'string' }, community: { type: 'string' } },
  strict: true,
});
const args = argsSchema.parse(values);
const { db } = await openDatabase({ dataDir: args.data, databaseUrl: args.database });
try {
  const issuer = await rotateIssuer(db, args.community, Date.now());
  process.stdout.write(`community ${args.community} now signs as ${issuer.did}\n`);
} finally {
  await db.destroy();
}
