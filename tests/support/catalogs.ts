import { readFileSync } from 'node:fs';
import path from 'node:path';

type Catalog = { [key: string]: unknown };
const loaded = new Map<string, Catalog>();

function catalog(language: string): Catalog {
  let found = loaded.get(language);
  if (!found) {
    found = JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../renderer/i18n/${language}.json`), 'utf8')) as Catalog;
    loaded.set(language, found);
  }
  return found;
}

/** The text a person sees for a catalog key, with its {{params}} filled in, as the studio shows it. */
export function say(language: string, key: string, vars: Record<string, string> = {}): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Catalog | undefined)?.[part], catalog(language));
  if (typeof value !== 'string') throw new Error(`no ${language} string for ${key}`);
  return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
}

/** say() for one language, as `t` is in the studio. */
export const translator =
  (language: string) =>
  (key: string, vars: Record<string, string> = {}): string =>
    say(language, key, vars);
