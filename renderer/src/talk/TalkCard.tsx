import { useTranslation } from 'react-i18next';
import type { WaitStats } from '../../../common/schemas/talk';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { figureRows } from './figure-rows';
import { TalkAdults } from './TalkAdults';
import { useTalk, useTalkJob } from './useTalk';

/** The Talk tab: the lesson's figures, each with a sentence that says what it means. */
export function TalkCard({ lessonId }: { lessonId: string }) {
  const { t, i18n } = useTranslation();
  const { analysis, analyse, setTwoAdults } = useTalk(lessonId);
  const job = useTalkJob(lessonId);
  const toast = useToasts((s) => s.show);
  const lang = i18n.language;

  if (job) {
    return (
      <section className="talk-card" aria-labelledby="talk-title">
        <h3 id="talk-title">{t('talk.title')}</h3>
        <p>{t('talk.running')}</p>
        <progress value={job.progress} max={1} aria-label={t('talk.running')} />
      </section>
    );
  }
  if (!analysis) return <p className="muted">{t('common.loading')}</p>;
  if (analysis.source === 'community' && (analysis.status === 'none' || !analysis.figures)) {
    return (
      <section className="talk-card" aria-labelledby="talk-title">
        <h3 id="talk-title">{t('talk.title')}</h3>
        <p>{t('talk.notShared')}</p>
      </section>
    );
  }
  if (analysis.status === 'none' || !analysis.figures) {
    return (
      <section className="talk-card" aria-labelledby="talk-title">
        <h3 id="talk-title">{t('talk.title')}</h3>
        <p>{t('talk.notYet')}</p>
        <button type="button" onClick={() => analyse().catch((err: unknown) => toast('error', errorMessage(t, err)))}>
          {t('talk.analyse')}
        </button>
      </section>
    );
  }
  const f = analysis.figures;
  if (analysis.segments.length === 0) {
    return (
      <section className="talk-card" aria-labelledby="talk-title">
        <h3 id="talk-title">{t('talk.title')}</h3>
        <p>{t('talk.noSpeech')}</p>
      </section>
    );
  }
  const rows = figureRows(t, f, lang, analysis.twoAdults);
  const histogram = (w: WaitStats) => (
    <ul className="talk-histogram" aria-label={t('talk.histogram')}>
      {(['under1s', 'from1to3s', 'from3to5s', 'over5s'] as const).map((band) => (
        <li key={band}>
          {t(`talk.buckets.${band}`)}: {new Intl.NumberFormat(lang).format(w.histogram[band])}
        </li>
      ))}
    </ul>
  );

  return (
    <section className="talk-card" aria-labelledby="talk-title">
      <h3 id="talk-title">{t('talk.title')}</h3>
      {analysis.source === 'community' && <p className="muted small-text">{t('talk.sharedByTeacher')}</p>}
      <TalkAdults analysis={analysis} onChange={setTwoAdults} />
      <dl className="talk-figures">
        {rows.map(([key, value, explain]) => (
          <div key={key} className="talk-figure" data-figure={key}>
            <dt>{t(`talk.figures.${key}`)}</dt>
            <dd>
              <strong className="talk-value">{value}</strong>
              <span className="muted small-text">{explain}</span>
              {key === 'wait1' && histogram(f.waitTime1)}
              {key === 'wait2' && histogram(f.waitTime2)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
