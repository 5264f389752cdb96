import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TalkAnalysis } from '../../../common/schemas/talk';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';

/**
 * "Two adults teach this lesson": the teacher's own lesson gets a checkbox with its one-sentence
 * explanation; a lesson shared with this device says what its teacher chose, read-only.
 */
export function TalkAdults({ analysis, onChange }: { analysis: TalkAnalysis; onChange: (twoAdults: boolean) => Promise<void> }) {
  const { t } = useTranslation();
  const toast = useToasts((s) => s.show);
  // The box shows the click at once, while the lesson is labelled again; the answer then decides.
  const [pending, setPending] = useState<boolean | null>(null);
  const [said, setSaid] = useState('');
  if (analysis.source === 'community') return analysis.twoAdults ? <p className="muted small-text">{t('talk.adults.shared')}</p> : null;
  const change = (twoAdults: boolean) => {
    setPending(twoAdults);
    onChange(twoAdults)
      .then(() => setSaid(t(twoAdults ? 'talk.adults.on' : 'talk.adults.off')))
      .catch((err: unknown) => toast('error', errorMessage(t, err)))
      .finally(() => setPending(null));
  };
  return (
    <div className="talk-adults">
      <input
        id="talk-two-adults"
        type="checkbox"
        checked={pending ?? analysis.twoAdults}
        disabled={pending !== null}
        aria-describedby="talk-two-adults-explain"
        onChange={(e) => change(e.target.checked)}
      />
      <label htmlFor="talk-two-adults">{t('talk.adults.label')}</label>
      <p id="talk-two-adults-explain" className="talk-adults-explain muted small-text">
        {t('talk.adults.explain')}
      </p>
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </div>
  );
}
