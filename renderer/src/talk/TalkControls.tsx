import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { talkLabels } from '../../../common/schemas/talk';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
import { useToasts } from '../store/toasts';
import { useTalk } from './useTalk';

const legend = ['teacher', 'coteacher', 'student', 'other', 'silence', 'long', 'wait'] as const;

/** Under the timeline: what the lane's colours mean, and the correction of the band picked on it. */
export function TalkControls({ lessonId }: { lessonId: string }) {
  const { t, i18n } = useTranslation();
  const { analysis, selected, correct } = useTalk(lessonId);
  const toast = useToasts((s) => s.show);
  const [said, setSaid] = useState('');
  if (!analysis || analysis.status !== 'ready' || analysis.segments.length === 0) return null;
  const band = selected !== null ? analysis.segments[selected] : undefined;
  const time = (ms: number) => formatTimecode(ms, i18n.language);
  // The co-teacher has a colour and a button only in a lesson two adults teach (or one with a co-teacher band).
  const coTeacher = analysis.twoAdults || analysis.segments.some((s) => s.label === 'coteacher');
  const keys = legend.filter((key) => key !== 'coteacher' || coTeacher);
  const labels = talkLabels.filter((label) => label !== 'coteacher' || coTeacher);

  return (
    <div className="talk-controls">
      <ul className="talk-legend" aria-label={t('talk.legend')}>
        {keys.map((key) => (
          <li key={key}>
            <span className={`talk-swatch swatch-${key}`} aria-hidden="true" />
            {t(`talk.key.${key}`)}
          </li>
        ))}
      </ul>
      {analysis.source === 'community' ? (
        <p className="muted small-text">{t('talk.sharedByTeacher')}</p>
      ) : band ? (
        <div className="talk-correct" role="group" aria-label={t('talk.correct.label')}>
          <span>
            {t('talk.correct.selected', { label: t(`talk.labels.${band.label}`), from: time(band.startMs), to: time(band.endMs) })}
          </span>
          {labels.map((label) => (
            <button
              key={label}
              type="button"
              className="small"
              aria-pressed={band.label === label}
              onClick={() =>
                correct(label)
                  .then(() => setSaid(t('talk.correct.done', { label: t(`talk.labels.${label}`) })))
                  .catch((err: unknown) => toast('error', errorMessage(t, err)))
              }
            >
              {t(`talk.correct.as.${label}`)}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted small-text">{t('talk.correct.hint')}</p>
      )}
      <p className="muted small-text">{t('talk.lane.keys')}</p>
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </div>
  );
}
