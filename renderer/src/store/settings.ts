import { create } from 'zustand';
import type { CallOutput } from '../../../common/contract';
import type { Settings } from '../../../common/schemas/settings';
import { applyLanguage } from '../../i18n';
import { call } from '../bridge/studio';

interface SettingsState {
  settings: Settings | null;
  info: CallOutput<'app.info'> | null;
  load(): Promise<Settings>;
  update(patch: Partial<Settings>): Promise<void>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  info: null,
  async load() {
    const [settings, info] = await Promise.all([call('settings.get', {}), call('app.info', {})]);
    set({ settings, info });
    return settings;
  },
  async update(patch) {
    const settings = await call('settings.set', patch);
    if (patch.language) applyLanguage(settings.language);
    set({ settings });
  },
}));
