import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../core';
import { fileSecretStore, SECRETS_FILE } from '../../../core/secrets/secret-store';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { electronSecretStore } from '../../../main/secrets';
import * as e from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-main-secrets-'));
let n = 0;
const freshDir = () => fs.mkdtempSync(path.join(root, `${n++}-`));
const secretsFile = (dir: string) => path.join(dir, SECRETS_FILE);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  e.safeStorage.available = true;
  e.safeStorage.backend = 'gnome_libsecret';
});
const onLinux = process.platform === 'linux';
/** Reads the file as the desktop store writes it (through the stand-in's safeStorage). */
const sealed = {
  encode: (text: string) => e.safeStorage.encryptString(text),
  decode: (bytes: Buffer) => e.safeStorage.decryptString(bytes),
};

describe('the desktop secret store', () => {
  it('keeps the hub session encrypted by the OS, in a file only its user can read', async () => {
    const dir = freshDir();
    const { secrets, secretsProtection } = electronSecretStore(dir);
    expect(secretsProtection).toBe('keychain');
    await secrets!.set('hub.session', 'token-abc123');
    const bytes = fs.readFileSync(secretsFile(dir));
    expect(bytes.toString()).not.toContain('token-abc123');
    if (process.platform !== 'win32') expect(fs.statSync(secretsFile(dir)).mode & 0o777).toBe(0o600);
    expect(await electronSecretStore(dir).secrets!.get('hub.session')).toBe('token-abc123');
    await secrets!.delete('hub.session');
    expect(await secrets!.get('hub.session')).toBeNull();
  });

  it('writes nothing when the OS offers no encryption', () => {
    e.safeStorage.available = false;
    expect(electronSecretStore(freshDir())).toEqual({});
  });

  it.runIf(onLinux).each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const)('trusts a Linux keyring (%s)', (backend) => {
    e.safeStorage.backend = backend;
    expect(electronSecretStore(freshDir()).secretsProtection).toBe('keychain');
  });

  it.runIf(onLinux).each(['basic_text', 'unknown'] as const)(
    'says so when Linux has no keyring (%s): the key is a fixed one',
    (backend) => {
      e.safeStorage.backend = backend;
      expect(electronSecretStore(freshDir()).secretsProtection).toBe('no-keychain');
    },
  );
});

describe.runIf(onLinux)('a studio on Linux with no keyring', () => {
  let hub: HubProcess;
  const hubDir = freshDir();
  beforeAll(async () => {
    hub = await startHubProcess(hubDir);
  }, 60_000);
  afterAll(() => hub?.stop());

  const launch = (dir: string) => createCore({ dataDir: dir, shell: 'electron', version: '0.0.0-test', ...electronSecretStore(dir) });
  const signedIn = async (core: Core) => (await core.api['hub.status']({})).account !== null;

  it('keeps the hub session in memory only and tells the UI, until the person chooses to keep it on disk', async () => {
    e.safeStorage.backend = 'basic_text';
    const dir = freshDir();
    const core = await launch(dir);
    try {
      expect((await core.api['app.info']({})).signInStorage).toBe('no-keychain');
      expect((await core.api['settings.get']({})).keepSignInWithoutKeyring).toBe(false);
      await core.api['hub.signUp']({
        hubUrl: hub.url,
        email: `keyring-${crypto.randomUUID()}@example.org`,
        password: crypto.randomBytes(12).toString('base64url'),
        displayName: 'Amina',
        country: null,
        languages: [],
        timezone: null,
      });
      expect(await signedIn(core)).toBe(true);
      expect(fs.existsSync(secretsFile(dir))).toBe(false);

      // Chosen while signed in: the session in memory goes to disk at once, for the next launch.
      await core.api['settings.set']({ keepSignInWithoutKeyring: true });
      expect(await fileSecretStore(dir, sealed).get('hub.session')).not.toBeNull();

      // Changed back: nothing is left on disk, and this launch stays signed in.
      await core.api['settings.set']({ keepSignInWithoutKeyring: false });
      expect(await fileSecretStore(dir, sealed).get('hub.session')).toBeNull();
      expect(await signedIn(core)).toBe(true);
    } finally {
      await core.close();
    }
    // The next launch signs in again.
    const next = await launch(dir);
    expect(await signedIn(next)).toBe(false);
    await next.close();
  }, 60_000);

  it('reads a session kept on disk at the next launch while the choice stands', async () => {
    e.safeStorage.backend = 'basic_text';
    const dir = freshDir();
    const first = await launch(dir);
    await first.api['settings.set']({ keepSignInWithoutKeyring: true });
    await first.api['hub.signUp']({
      hubUrl: hub.url,
      email: `keyring-${crypto.randomUUID()}@example.org`,
      password: crypto.randomBytes(12).toString('base64url'),
      displayName: 'Budi',
      country: null,
      languages: [],
      timezone: null,
    });
    await first.close();
    const second = await launch(dir);
    expect(await signedIn(second)).toBe(true);
    await second.close();
  }, 60_000);
});
