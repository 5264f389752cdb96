import { matchLanguage } from '../../../common/language-match';
import { languages, type Language, type Settings } from '../../../common/schemas/settings';

/** The computer's language (`navigator.languages`) when we have a catalog for it. */
export function systemLanguage(): Language | null {
  return matchLanguage(navigator.languages ?? [navigator.language], languages);
}

/** Until a language is chosen (or the welcome answered), an Arabic or French computer starts in Arabic or French. */
export function startingLanguage(settings: Settings): Language {
  return settings.welcomeDone || settings.languageChosen ? settings.language : (systemLanguage() ?? settings.language);
}
