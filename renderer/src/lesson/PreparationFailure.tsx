import { useTranslation } from 'react-i18next';

/** Failures the teacher can do something about beyond what the error itself says. */
const withNextStep = new Set(['media_unreadable', 'media_timeout', 'media_cancelled', 'media_failed']);

/** Why a lesson's video could not be made ready, and what to do about it (the failed job's Retry is below). */
export function PreparationFailure({ errorCode }: { errorCode: string | null }) {
  const { t } = useTranslation();
  const code = errorCode ?? 'media_failed';
  const reason = t(`errors.${code}`, { defaultValue: t('errors.media_failed') });
  const next = withNextStep.has(code) ? code : null;
  return (
    <div role="alert">
      <p>{t('lesson.failedBody', { reason })}</p>
      {next && <p>{t(`lesson.nextSteps.${next}`)}</p>}
    </div>
  );
}
