import { settingsSchema, type Settings } from '../../common/schemas/settings';
import type { Db } from '../db/open';

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  // A value an older or newer app wrote that no longer fits falls back to its default, key by key.
  const parsed = settingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const fallback = settingsSchema.parse({});
  for (const key of Object.keys(fallback) as Array<keyof Settings>) {
    const one = settingsSchema.shape[key].safeParse(stored[key]);
    if (one.success) Object.assign(fallback, { [key]: one.data });
  }
  return fallback;
}

export function writeSettings(db: Db, patch: Partial<Settings>): Settings {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const written = patch.language === undefined ? patch : { ...patch, languageChosen: true };
  db.transaction(() => {
    for (const [key, value] of Object.entries(written)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
  })();
  return readSettings(db);
}
