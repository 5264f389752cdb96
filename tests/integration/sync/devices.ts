import fs from 'node:fs/promises';
import { v7 as uuidv7 } from 'uuid';
import type { CallInput, CallName, CallOutput } from '../../../common/contract';
import { createCore, type Core } from '../../../core';
import { dispatch } from '../../../core/dispatch';
import { fileSecretStore } from '../../../core/secrets/secret-store';
import type { SyncOptions } from '../../../core/sync/service';
import { tempDir } from '../../support/web-shell';

/** One studio: a real core on its own data folder, signed in to a real hub like a person would be. */
export interface Device extends Core {
  dataDir: string;
  /** Goes through the contract's input schemas, as the shells do. */
  call<N extends CallName>(name: N, args?: CallInput<N>): Promise<CallOutput<N>>;
  /** Resolves when `check` holds, re-checking after every event the core emits. */
  until<T>(check: () => Promise<T | false | null | undefined> | T | false | null | undefined, timeoutMs?: number): Promise<T>;
  dispose(options?: { keepData?: boolean }): Promise<void>;
}

export async function startDevice(dataDir?: string, sync: SyncOptions = {}, now?: () => number): Promise<Device> {
  const dir = dataDir ?? (await tempDir('device'));
  const core = await createCore({
    dataDir: dir,
    shell: 'web',
    version: '0.0.0-test',
    secrets: fileSecretStore(dir),
    sync: { debounceMs: 20, pollMs: 10 * 60_000, ...sync },
    jobConcurrency: 2,
    ...(now && { now }),
  });
  const device: Device = {
    ...core,
    dataDir: dir,
    call: (name, args) => dispatch(core.api, name, args ?? {}) as never,
    until: (check, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        let busy = false;
        let again = false;
        const finish = (fn: () => void) => {
          clearTimeout(timer);
          unsubscribe();
          fn();
        };
        const probe = async () => {
          if (busy) return void (again = true);
          busy = true;
          try {
            const value = await check();
            if (value) return finish(() => resolve(value));
          } catch (err) {
            return finish(() => reject(err));
          } finally {
            busy = false;
          }
          if (again) {
            again = false;
            void probe();
          }
        };
        const unsubscribe = core.bus.subscribe(() => void probe());
        const timer = setTimeout(() => finish(() => reject(new Error(`condition not met within ${timeoutMs} ms`))), timeoutMs);
        void probe();
      }),
    async dispose({ keepData = false } = {}) {
      await core.close();
      if (!keepData) await fs.rm(dir, { recursive: true, force: true });
    },
  };
  return device;
}

let people = 0;

/** Signs a new person up on `device`, with a unique email. */
export async function signUp(
  device: Pick<Device, 'call'>,
  hubUrl: string,
  displayName: string,
  extra: Partial<CallInput<'hub.signUp'>> = {},
) {
  people += 1;
  const email = `${displayName.toLowerCase().replace(/\W+/g, '')}${people}-${uuidv7().slice(-6)}@school.example`;
  const status = await device.call('hub.signUp', { hubUrl, email, password: 'correct horse battery', displayName, ...extra });
  return { ...status, email };
}

/** A community led from `lead`, with the others joined by invite link in the given roles. */
export async function communityOf(
  lead: Pick<Device, 'call'>,
  others: Array<[Pick<Device, 'call'>, 'mentor' | 'member' | 'lead']>,
  name = 'Maths across borders',
) {
  const community = await lead.call('communities.create', { name, description: 'Practice lessons', languages: ['en', 'ar'] });
  for (const [device, role] of others) {
    const { link } = await lead.call('invites.create', { communityId: community.id, role, expiresInHours: 24, maxUses: null });
    await device.call('invites.join', { codeOrLink: link });
  }
  return community;
}

export async function importLesson(device: Device, file: string) {
  const { results } = await device.call('lessons.import', { sources: [{ kind: 'path', path: file }] });
  const result = results[0]!;
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.error)}`);
  await device.jobs.idle();
  return device.call('lessons.get', { id: result.lesson.id });
}

export const consent = { visibility: 'voices_only', onFile: true, durationDays: null } as const;

/** Pushes and pulls on every device, twice round, so each has seen what the others pushed. */
export async function syncAll(...devices: Device[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const d of devices) await d.call('sync.now');
}
