/**
 * Picks the first of a person's preferred languages (BCP 47 tags, best first: `navigator.languages`
 * or an Accept-Language header) that we have text for. A regional tag (`fr-CA`) matches its language.
 */
export function matchLanguage<L extends string>(preferred: readonly string[], available: readonly L[]): L | null {
  for (const tag of preferred) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    const found = available.find((l) => l === base);
    if (found) return found;
  }
  return null;
}

/** The tags of an Accept-Language header, highest weight first; `*` and malformed parts are left out. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter((p) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(p.tag) && p.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((p) => p.tag);
}
