import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the hub session token lives. The shell chooses: Electron encrypts it with the OS keychain
 * (safeStorage), the browser shell keeps it in a file only its user can read.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** How the file's bytes relate to its JSON text; Electron passes one that encrypts. */
export interface SecretCodec {
  encode(text: string): Buffer;
  decode(bytes: Buffer): string;
}

const plainCodec: SecretCodec = { encode: (text) => Buffer.from(text, 'utf8'), decode: (bytes) => bytes.toString('utf8') };

export const SECRETS_FILE = 'secrets.bin';

/**
 * Secrets in one file in the data folder, mode 0600 (on Windows the profile folder's ACL does that
 * job). Written through a temporary file and renamed, so a crash never leaves half a token.
 */
export function fileSecretStore(dir: string, codec: SecretCodec = plainCodec): SecretStore {
  const file = path.join(dir, SECRETS_FILE);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const readAll = async (): Promise<Record<string, string>> => {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    try {
      return JSON.parse(codec.decode(bytes)) as Record<string, string>;
    } catch {
      // Unreadable (another machine's keychain, a damaged file): as if signed out, never a crash.
      return {};
    }
  };
  const writeAll = async (values: Record<string, string>): Promise<void> => {
    const tmp = `${file}.tmp`;
    await fs.writeFile(tmp, codec.encode(JSON.stringify(values)), { mode: 0o600 });
    await fs.chmod(tmp, 0o600);
    await fs.rename(tmp, file);
  };

  return {
    get: (key) => serial(async () => (await readAll())[key] ?? null),
    set: (key, value) => serial(async () => writeAll({ ...(await readAll()), [key]: value })),
    delete: (key) =>
      serial(async () => {
        const values = await readAll();
        if (!(key in values)) return;
        delete values[key];
        await writeAll(values);
      }),
  };
}

/**
 * For a store whose encryption protects nothing (Linux without a keyring, where Chromium uses a fixed
 * key): secrets live in memory, and reach `disk` only while `chosen()` says the person wants that.
 * `applyChoice` brings the disk in line when the choice changes.
 */
export function keptOnlyIfChosen(disk: SecretStore, chosen: () => boolean): SecretStore & { applyChoice(): Promise<void> } {
  const memory = new Map<string, string>();
  return {
    get: async (key) => memory.get(key) ?? (chosen() ? disk.get(key) : null),
    set: async (key, value) => {
      memory.set(key, value);
      await (chosen() ? disk.set(key, value) : disk.delete(key));
    },
    delete: async (key) => {
      memory.delete(key);
      await disk.delete(key);
    },
    applyChoice: async () => {
      for (const [key, value] of memory) await (chosen() ? disk.set(key, value) : disk.delete(key));
    },
  };
}

/** Keeps secrets for the life of the process only: a shell that passes no store signs in each launch. */
export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}
