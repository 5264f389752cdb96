import { useTranslation } from 'react-i18next';
import type { Achievement } from '../../../common/credentials/calls';
import { textOf } from './useRecognition';

/** The community's achievements, with Edit and Retire for a lead; retired ones say so. */
export function AchievementList(props: {
  achievements: Achievement[];
  onEdit: (a: Achievement) => void;
  onRetire: (a: Achievement) => void;
}) {
  const { t, i18n } = useTranslation();
  if (props.achievements.length === 0) return <p className="muted">{t('credentials.recognition.noAchievements')}</p>;
  return (
    <ul className="achievement-list">
      {props.achievements.map((a) => {
        const text = textOf(a, i18n.language);
        return (
          <li key={a.id} className="achievement-card">
            {a.image && (
              <img className="achievement-image" src={a.image} alt={t('credentials.recognition.imageAlt', { name: text.name })} />
            )}
            <div>
              <h4 dir="auto">{text.name}</h4>
              <p dir="auto">{text.description}</p>
              <p dir="auto" className="muted">
                {text.criteria}
              </p>
              {a.rule && (
                <p className="small-text">
                  {t('credentials.recognition.ruleOf', { rule: t(`credentials.recognition.rules.${a.rule.kind}`), count: a.rule.count })}
                </p>
              )}
            </div>
            {a.retiredAt !== null ? (
              <strong className="muted">{t('credentials.recognition.retiredBadge')}</strong>
            ) : (
              a.editable && (
                <div className="credential-actions">
                  <button
                    type="button"
                    className="small"
                    aria-label={t('credentials.recognition.editNamed', { name: text.name })}
                    onClick={() => props.onEdit(a)}
                  >
                    {t('credentials.recognition.edit')}
                  </button>
                  <button
                    type="button"
                    className="small ghost"
                    aria-label={t('credentials.recognition.retireNamed', { name: text.name })}
                    onClick={() => props.onRetire(a)}
                  >
                    {t('credentials.recognition.retire')}
                  </button>
                </div>
              )
            )}
          </li>
        );
      })}
    </ul>
  );
}
