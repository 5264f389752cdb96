import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import { useRecording } from './session';

/** The lesson's title, editable before and during recording; left empty, a dated title is used. */
export function TitleField() {
  const { t, i18n } = useTranslation();
  const title = useRecording((s) => s.title);
  const setTitle = useRecording((s) => s.setTitle);
  return (
    <label>
      <span>{t('record.lessonTitle')}</span>
      <input
        dir="auto"
        maxLength={200}
        value={title}
        placeholder={t('record.defaultTitle', { date: formatDate(Date.now(), i18n.language) })}
        onChange={(e) => setTitle(e.target.value)}
      />
      <span className="muted small-text">{t('record.titleHint')}</span>
    </label>
  );
}
