import { safeStorage } from 'electron';
import type { CoreOptions } from '../core';
import { fileSecretStore } from '../core/secrets/secret-store';

/**
 * Linux backends that hold no real secret: `basic_text` is Chromium's fixed, public key (chosen when no
 * keyring answers, while isEncryptionAvailable() still says yes); `unknown` means none was chosen.
 */
const NO_KEYRING = new Set(['basic_text', 'unknown']);

/**
 * The desktop app keeps the hub session in the same file as the browser shell, encrypted with the
 * OS secret store (Keychain, DPAPI, libsecret/kwallet) through Electron's safeStorage. Where the OS
 * offers no encryption the session is kept for this run only; where Linux has no keyring the core
 * keeps it in memory unless the person chooses otherwise, and the UI says why (`no-keychain`).
 */
export function electronSecretStore(dataDir: string): Pick<CoreOptions, 'secrets' | 'secretsProtection'> {
  if (!safeStorage.isEncryptionAvailable()) return {};
  const secrets = fileSecretStore(dataDir, {
    encode: (text) => safeStorage.encryptString(text),
    decode: (bytes) => safeStorage.decryptString(bytes),
  });
  const noKeyring = process.platform === 'linux' && NO_KEYRING.has(safeStorage.getSelectedStorageBackend());
  return { secrets, secretsProtection: noKeyring ? 'no-keychain' : 'keychain' };
}
