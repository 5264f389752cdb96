import { useTranslation } from 'react-i18next';
import type { Calibration } from '../../../common/schemas/review';
import { formatNumber, formatRate } from './format';

/** What the lead sees: each mentor against the reference, and the mentors against each other. */
export function AgreementResults({ calibration }: { calibration: Calibration }) {
  const { t, i18n } = useTranslation();
  const results = calibration.results!;
  const kappa = (value: number | null) => (value === null ? '—' : formatNumber(value, i18n.language, 2));
  const language = i18n.language;
  return (
    <div className="agreement">
      <p className="muted small-text">{t('review.calibration.scorers', { count: calibration.scorers })}</p>
      {results.mentors.length > 0 && (
        <table className="score-table">
          <caption>{t('review.calibration.againstReference')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.calibration.mentor')}</th>
              <th scope="col">{t('review.calibration.exact')}</th>
              <th scope="col">{t('review.calibration.adjacent')}</th>
              <th scope="col">{t('review.calibration.kappa')}</th>
            </tr>
          </thead>
          <tbody>
            {results.mentors.map((m) => (
              <tr key={m.mentor.id}>
                <th scope="row">{m.mentor.name || t('review.someone')}</th>
                <td>{formatRate(m.agreement.exactRate, language)}</td>
                <td>{formatRate(m.agreement.adjacentRate, language)}</td>
                <td>{kappa(m.kappa)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {results.pairs.length > 0 && (
        <>
          <p role="status">
            {t('review.calibration.across', { percent: formatRate(results.meanPercent, language), kappa: kappa(results.meanKappa) })}
          </p>
          <table className="score-table">
            <caption>{t('review.calibration.pairs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.calibration.pair')}</th>
                <th scope="col">{t('review.calibration.percent')}</th>
                <th scope="col">{t('review.calibration.kappa')}</th>
              </tr>
            </thead>
            <tbody>
              {results.pairs.map((p) => (
                <tr key={`${p.a.id}-${p.b.id}`}>
                  <th scope="row">{`${p.a.name || t('review.someone')} · ${p.b.name || t('review.someone')}`}</th>
                  <td>{formatRate(p.percent, language)}</td>
                  <td>{kappa(p.kappa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
