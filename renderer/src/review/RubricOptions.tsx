import { useTranslation } from 'react-i18next';
import { localize } from '../../../common/review/rubric';
import type { Rubric } from '../../../common/schemas/review';

/** A select's options for the rubrics, each titled in the studio's language. */
export function RubricOptions({ rubrics }: { rubrics: readonly Rubric[] }) {
  const { i18n } = useTranslation();
  return rubrics.map((r) => (
    <option key={r.id} value={r.id}>
      {localize(r.title, i18n.language)}
    </option>
  ));
}
