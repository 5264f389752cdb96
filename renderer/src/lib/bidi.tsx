import { Fragment, type ReactNode } from 'react';
import type { TFunction } from 'i18next';

const MARK = '\u0001';

/**
 * A translated sentence with a person's words put in, each inside its own `<bdi>`: an Arabic title
 * with digits and fractions keeps its order inside an English sentence ("1 of 2: …"), and a Latin
 * name inside an Arabic one. Values that are ours (numbers, counts) go in `plain`.
 */
export function withBdi(t: TFunction, key: string, words: Record<string, string>, plain: Record<string, string | number> = {}): ReactNode {
  const marked = Object.fromEntries(Object.keys(words).map((name) => [name, `${MARK}${name}${MARK}`]));
  const text = t(key, { ...plain, ...marked });
  const parts = text.split(new RegExp(`${MARK}([A-Za-z]+)${MARK}`));
  return parts.map((part, i) => (i % 2 === 1 ? <bdi key={i}>{words[part] ?? ''}</bdi> : part && <Fragment key={i}>{part}</Fragment>));
}
