import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SECRETS_FILE } from '../../../core/secrets/secret-store';
import { electronSecretStore } from '../../../main/secrets';
import * as e from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-main-secrets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the desktop secret store', () => {
  it('keeps the hub session encrypted by the OS, in a file only its user can read', async () => {
    const store = electronSecretStore(dir)!;
    await store.set('hub.session', 'token-abc123');
    const bytes = fs.readFileSync(path.join(dir, SECRETS_FILE));
    expect(bytes.toString()).not.toContain('token-abc123');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
    expect(await electronSecretStore(dir)!.get('hub.session')).toBe('token-abc123');
    await store.delete('hub.session');
    expect(await store.get('hub.session')).toBeNull();
  });

  it('writes nothing when the OS offers no encryption', () => {
    e.safeStorage.available = false;
    expect(electronSecretStore(dir)).toBeUndefined();
    e.safeStorage.available = true;
  });
});
