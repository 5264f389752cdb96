/**
 * The locale dates, times and numbers are written in: the person's chosen UI language, with the region
 * they gave their account (its country), never the browser's own locale. `ar` with `JO` is `ar-JO`.
 */
let region: string | null = null;

export function setRegion(country: string | null | undefined): void {
  region = country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null;
}

export function localeOf(language: string): string {
  if (!region) return language;
  const tag = `${language}-${region}`;
  return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : language;
}
