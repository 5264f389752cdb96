export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}
