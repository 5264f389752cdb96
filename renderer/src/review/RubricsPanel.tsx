import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../common/review/rubric';
import { StudioCallError } from '../../../common/contract';
import type { LocalCommunity } from '../../../common/schemas/community';
import type { Rubric } from '../../../common/schemas/review';
import { downloadText } from '../lib/download';
import { errorMessage } from '../lib/errors';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { useReviews } from './store';
import { askConfirm } from '../store/confirm';
import { rubricActions } from './actions';
import { communityActions } from '../community/actions';

/** Rubrics: the built-in one and each community's; leads adopt, import, write, edit and export them. */
export function RubricsPanel() {
  const { t, i18n } = useTranslation();
  const version = useReviews((s) => s.version);
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const [rubrics, setRubrics] = useState<Rubric[] | null>(null);
  const [led, setLed] = useState<LocalCommunity[]>([]);
  const [target, setTarget] = useState('');
  const [importError, setImportError] = useState<string | null>(null);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));

  useEffect(() => {
    rubricActions.list({}).then(setRubrics, () => setRubrics([]));
    communityActions.list({}).then(
      (all) => {
        const leading = all.filter((c) => c.myRole === 'lead');
        setLed(leading);
        setTarget((current) => current || leading[0]?.id || '');
      },
      () => setLed([]),
    );
  }, [version]);

  const importFile = async (file: File) => {
    setImportError(null);
    try {
      const rubric = await rubricActions.import({ communityId: target, json: await file.text() });
      toast('info', t('review.rubrics.imported', { title: localize(rubric.title, i18n.language) }));
    } catch (err) {
      setImportError(errorMessage(t, err));
    }
  };

  if (!rubrics) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="rubrics">
      {led.length > 0 && (
        <section className="rubric-tools" aria-labelledby="rubric-tools-title">
          <h2 id="rubric-tools-title">{t('review.rubrics.forCommunity')}</h2>
          <div className="toolbar">
            <label className="inline-field">
              {t('review.rubrics.community')}
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                {led.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="primary" onClick={() => go({ name: 'rubric', id: 'new', communityId: target })}>
              {t('review.rubrics.new')}
            </button>
            <label className="file-button">
              {t('review.rubrics.import')}
              <input
                type="file"
                accept="application/json,.json"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importFile(file);
                }}
              />
            </label>
          </div>
          {importError && (
            <p className="error-text" role="alert">
              {importError}
            </p>
          )}
        </section>
      )}
      <ul className="rubric-list">
        {rubrics.map((r) => (
          <li key={r.id} className="rubric-card">
            <div className="request-head">
              {/* h2: the tools section above is only there for leads, and a title must not skip a level under the screen's h1. */}
              <h2 dir="auto">{localize(r.title, i18n.language)}</h2>
              <span className="pill">{r.builtIn ? t('review.rubrics.builtIn') : r.communityName}</span>
            </div>
            {r.description && (
              <p className="muted small-text" dir="auto">
                {localize(r.description, i18n.language)}
              </p>
            )}
            <p className="small-text">
              {t('review.rubrics.shape', { criteria: r.scale.criteria.length, levels: r.scale.levels.length })}
              {' · '}
              {r.scale.criteria.map((c) => localize(c.label, i18n.language)).join(', ')}
            </p>
            <div className="request-actions">
              {led.length > 0 && (
                <button
                  type="button"
                  className="small"
                  disabled={!target}
                  onClick={() =>
                    rubricActions
                      .adopt({ id: r.id, communityId: target })
                      .then(() => toast('info', t('review.rubrics.adopted')))
                      .catch((err: unknown) => {
                        // Adopting twice would give two identical rubrics; offer the copy the community already has.
                        if (err instanceof StudioCallError && err.payload.code === 'rubric_already_adopted') {
                          const id = String(err.payload.params.id);
                          toast('warning', errorMessage(t, err), {
                            label: t('review.rubrics.openAdopted'),
                            run: () => go({ name: 'rubric', id }),
                          });
                        } else fail(err);
                      })
                  }
                  aria-label={t('review.rubrics.adoptFor', { title: localize(r.title, i18n.language) })}
                >
                  {t('review.rubrics.adopt')}
                </button>
              )}
              <button
                type="button"
                className="small"
                onClick={() =>
                  rubricActions
                    .export({ id: r.id })
                    .then((f) => downloadText(f.fileName, f.mime, f.text))
                    .catch(fail)
                }
                aria-label={t('review.rubrics.exportFor', { title: localize(r.title, i18n.language) })}
              >
                {t('review.rubrics.export')}
              </button>
              {r.editable && (
                <>
                  <button
                    type="button"
                    className="small"
                    onClick={() => go({ name: 'rubric', id: r.id })}
                    aria-label={t('review.rubrics.editFor', { title: localize(r.title, i18n.language) })}
                  >
                    {t('review.rubrics.edit')}
                  </button>
                  <button
                    type="button"
                    className="small danger"
                    aria-label={t('review.rubrics.deleteFor', { title: localize(r.title, i18n.language) })}
                    onClick={async () => {
                      if (await askConfirm({ message: t('review.rubrics.confirmDelete'), confirmLabel: t('review.rubrics.delete') }))
                        rubricActions.delete({ id: r.id }).catch(fail);
                    }}
                  >
                    {t('review.rubrics.delete')}
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
