import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { HUB_TEMPLATE_DATABASE } from './postgres';

/** The hub integration suite runs once per dialect; the `hub-postgres` project sets this. */
export const HUB_DIALECT: 'sqlite' | 'postgres' = process.env.HUB_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

let admin: pg.Pool | undefined;

function adminPool(): pg.Pool {
  admin ??= new pg.Pool({ connectionString: inject('postgresAdminUrl'), max: 2 });
  return admin;
}

export interface ScratchHubDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A migrated, empty hub database of its own, copied from the run's template (postgres-global-setup.ts). */
export async function scratchHubDatabase(): Promise<ScratchHubDatabase> {
  const name = `hub_${randomBytes(6).toString('hex')}`;
  await adminPool().query(`CREATE DATABASE ${name} TEMPLATE ${HUB_TEMPLATE_DATABASE}`);
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await adminPool().query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs a statement as the cluster's administrator, outside any hub database (to stop or let in its connections). */
export async function adminQuery<T extends object = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await adminPool().query<T>(text, params)).rows;
}
