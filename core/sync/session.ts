import { StudioError } from '../../common/errors';
import type { SessionResponse, SignUpRequest } from '../../common/hub-api';
import type { HubStatus } from '../../common/schemas/community';
import type { Db } from '../db/open';
import { HubClient } from '../hub/client';
import type { SecretStore } from '../secrets/secret-store';
import { hubStatusOf, isSessionExpired, readAccount, setSessionExpired, writeAccount } from './account';

const TOKEN_KEY = 'hub.session';

/**
 * The person's session with their hub. The token lives only in the shell's secret store; the account
 * (who, on which hub) lives in the database so that an expired session keeps everything in place
 * until the same person signs in again.
 */
export class HubSession {
  private token: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    /** Called inside nothing, before a different account (or hub) takes over this device. */
    private readonly onAccountSwitch: () => void,
  ) {}

  async load(): Promise<void> {
    this.token = await this.secrets.get(TOKEN_KEY);
  }

  signedIn(): boolean {
    return this.token !== null && !isSessionExpired(this.db) && readAccount(this.db) !== null;
  }

  status(): HubStatus {
    return hubStatusOf(this.db, this.token !== null);
  }

  /** A client for the signed-in account's hub, or null when nobody is signed in. */
  client(): HubClient | null {
    const account = readAccount(this.db);
    return account ? new HubClient(account.hubUrl, async () => this.token) : null;
  }

  requireClient(): HubClient {
    const client = this.signedIn() ? this.client() : null;
    if (!client) throw new StudioError(isSessionExpired(this.db) ? 'session_expired' : 'unauthorized');
    return client;
  }

  /**
   * The hub accepts every sign-up alike, new email or taken (it must not say which), so the account is
   * only known to be ours once signing in with the same email and password works. When it does not,
   * the email already had an account with another password: `sign_up_not_completed` asks the person
   * to sign in with that account's password, and nothing on this device changes.
   */
  async signUp(hubUrl: string, request: SignUpRequest): Promise<HubStatus> {
    await new HubClient(hubUrl, async () => null).call('signUp', { body: request });
    try {
      return await this.signIn(hubUrl, request.email, request.password);
    } catch (err) {
      if (err instanceof StudioError && err.code === 'credentials_invalid') throw new StudioError('sign_up_not_completed');
      throw err;
    }
  }

  async signIn(hubUrl: string, email: string, password: string): Promise<HubStatus> {
    const res = await new HubClient(hubUrl, async () => null).call('signIn', { body: { email, password } });
    return this.adopt(hubUrl, res);
  }

  private async adopt(hubUrl: string, res: SessionResponse): Promise<HubStatus> {
    const previous = readAccount(this.db);
    if (previous && (previous.userId !== res.user.id || previous.hubUrl !== hubUrl)) this.onAccountSwitch();
    const { id: userId, ...person } = res.user;
    await this.secrets.set(TOKEN_KEY, res.token);
    this.token = res.token;
    this.db.transaction(() => {
      writeAccount(this.db, { hubUrl, userId, ...person });
      setSessionExpired(this.db, false);
    })();
    return this.status();
  }

  /**
   * Signing out here always works, even offline (the hub forgets the session when it expires);
   * signing out everywhere needs the hub, which ends every session of the account.
   */
  async signOut(everywhere: boolean): Promise<HubStatus> {
    const client = this.token ? this.client() : null;
    if (client) {
      try {
        await client.call(everywhere ? 'signOutEverywhere' : 'signOut');
      } catch (err) {
        const code = err instanceof StudioError ? err.code : 'internal';
        if (everywhere && code !== 'session_expired' && code !== 'unauthorized') throw err;
      }
    }
    await this.forgetToken();
    setSessionExpired(this.db, false);
    return this.status();
  }

  /** The hub refused the session: keep the account and everything pending, ask for a sign-in. */
  async expire(): Promise<void> {
    setSessionExpired(this.db, true);
    await this.forgetToken();
  }

  private async forgetToken(): Promise<void> {
    this.token = null;
    await this.secrets.delete(TOKEN_KEY);
  }

  currentToken(): string | null {
    return this.token;
  }
}
