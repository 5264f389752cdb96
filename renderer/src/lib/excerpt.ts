/** A few words of a note, enough to tell it from its neighbours in a button's name. */
export function excerpt(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ');
  return words.length > 40 ? `${words.slice(0, 40).trimEnd()}…` : words;
}
