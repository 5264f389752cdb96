import type { CoreContext } from '../app/context';
import type { CallsOf } from '../app/calls';
import { readSettings, writeSettings } from './settings';

/** `signInChoiceChanged`: the shell's store moves the session to or off the disk when `keepSignInWithoutKeyring` changes. */
export function settingsCalls(ctx: CoreContext, signInChoiceChanged: () => Promise<void>): CallsOf<'settings'> {
  return {
    'settings.get': async () => readSettings(ctx.db),
    'settings.set': async (patch) => {
      const settings = writeSettings(ctx.db, patch);
      if (patch.keepSignInWithoutKeyring !== undefined) await signInChoiceChanged();
      return settings;
    },
  };
}
