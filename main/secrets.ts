import { safeStorage } from 'electron';
import { fileSecretStore, type SecretStore } from '../core/secrets/secret-store';

/**
 * The desktop app keeps the hub session in the same file as the browser shell, encrypted with the
 * OS secret store (Keychain, DPAPI, libsecret/kwallet) through Electron's safeStorage. Where the OS
 * offers no encryption (a Linux session without a keyring) the session is kept for this run only,
 * rather than written to disk in the clear.
 */
export function electronSecretStore(dataDir: string): SecretStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return fileSecretStore(dataDir, {
    encode: (text) => safeStorage.encryptString(text),
    decode: (bytes) => safeStorage.decryptString(bytes),
  });
}
