import type { Account, HubStatus } from '../../common/schemas/community';
import type { Db } from '../db/open';
import { readMetaJson, writeMeta } from './meta';

/** The person last signed in on this device, and the hub they signed in to. */
export interface StoredAccount extends Account {
  hubUrl: string;
}

export function readAccount(db: Db): StoredAccount | null {
  return readMetaJson<StoredAccount>(db, 'account');
}

export function writeAccount(db: Db, account: StoredAccount): void {
  writeMeta(db, 'account', JSON.stringify(account));
}

/** The hub account id that authors this device's changes, or null before anyone signed in. */
export function myUserId(db: Db): string | null {
  return readAccount(db)?.userId ?? null;
}

export function isSessionExpired(db: Db): boolean {
  return readMetaJson<boolean>(db, 'session_expired') === true;
}

export function setSessionExpired(db: Db, expired: boolean): void {
  writeMeta(db, 'session_expired', expired ? 'true' : null);
}

export function hubStatusOf(db: Db, hasToken: boolean): HubStatus {
  const account = readAccount(db);
  const expired = isSessionExpired(db);
  const { hubUrl = null, ...person } = account ?? {};
  return { hubUrl, account: account && (hasToken || expired) ? (person as Account) : null, sessionExpired: expired };
}
