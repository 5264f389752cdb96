import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../common/schemas/settings';

/** The studio's languages, each named in the language shown now. */
export function LanguageSelect({ value, onChange }: { value: Language; onChange(language: Language): void }) {
  const { t } = useTranslation();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as Language)}>
      {languages.map((l) => (
        <option key={l} value={l}>
          {t(`settings.languages.${l}`)}
        </option>
      ))}
    </select>
  );
}
