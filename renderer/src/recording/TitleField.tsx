import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import { useRecording } from './session';

/** The lesson's title, editable before and during recording; left empty, a dated title is used. */
export function TitleField() {
  const { t, i18n } = useTranslation();
  const hint = useId();
  const title = useRecording((s) => s.title);
  const setTitle = useRecording((s) => s.setTitle);
  return (
    <div className="title-field">
      <label>
        <span>{t('record.lessonTitle')}</span>
        <input
          dir="auto"
          maxLength={200}
          value={title}
          aria-describedby={hint}
          placeholder={t('record.defaultTitle', { date: formatDate(Date.now(), i18n.language) })}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <span id={hint} className="muted small-text">
        {t('record.titleHint')}
      </span>
    </div>
  );
}
