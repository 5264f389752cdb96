import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../hub/db/open';
import { HUB_TEMPLATE_DATABASE, startPostgresCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's maintenance database; hub databases are made from the migrated template. */
    postgresAdminUrl: string;
  }
}

/**
 * One cluster for the whole run (initdb costs seconds; a database copied from a template costs
 * milliseconds): a migrated hub database as the template, then every hub a test starts gets its own copy.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${HUB_TEMPLATE_DATABASE}`);
    await admin.end();
    const { db } = await openDatabase({ dataDir: '', databaseUrl: cluster.url(HUB_TEMPLATE_DATABASE) });
    // Each copy makes its own epoch, as a new hub would: a cursor from one must not fit another.
    await db.deleteFrom('hub_meta').where('key', '=', 'epoch').execute();
    await db.destroy();
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  project.provide('postgresAdminUrl', cluster.url('postgres'));
  return () => cluster.stop();
}
