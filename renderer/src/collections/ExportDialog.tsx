import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportEstimate, ExportRequest, Medium, PackageTarget } from '../../../common/schemas/package';
import { media as mediumLimits } from '../../../common/schemas/package';
import { languageSchema } from '../../../common/schemas/settings';
import { JobRow } from '../ui/JobRow';
import { errorMessage } from '../lib/errors';
import { formatBytes } from '../lib/format';
import { cancelJob, retryJob, useJobs } from '../store/jobs';
import { withBdi } from '../lib/bidi';
import { webLabels } from './web-labels';
import { collectionLookups, useCollectionMutations } from './mutations';

type Format = ExportRequest['format'];

/**
 * Exports a collection or a lesson as a `.pcircle` package or as a folder any browser opens. The size
 * is worked out before anything is written, and checked against the medium it is meant for.
 */
export function ExportDialog({
  target,
  title,
  language,
  licence,
  onClose,
}: {
  target: PackageTarget;
  title: string;
  language: string;
  licence: string | null;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const { exportPackage } = useCollectionMutations();
  const dialog = useRef<HTMLDialogElement>(null);
  const [format, setFormat] = useState<Format>('pcircle');
  const [mediaChoice, setMediaChoice] = useState<ExportRequest['media']>('proxy');
  const [includePrivateNotes, setIncludePrivateNotes] = useState(false);
  const [verifyPage, setVerifyPage] = useState(false);
  const [folder, setFolder] = useState('');
  // Once the person is in the folder field, it is theirs: a default answered then would be typed over
  // half-way (a field filled as the default arrives would hold both, one after the other).
  const folderTouched = useRef(false);
  const offerFolder = useCallback((suggested: string) => {
    if (!folderTouched.current) setFolder((current) => current || suggested);
  }, []);
  const [medium, setMedium] = useState<Medium>('fat32');
  const [problem, setProblem] = useState<string | null>(null);
  const [started, setStarted] = useState<{ jobId: string; path: string } | null>(null);
  const job = useJobs((s) => (started ? s.jobs[started.jobId] : undefined));
  const bytes = (n: number) => formatBytes(n, i18n.language);

  useEffect(() => {
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);

  // The page of a web export speaks the collection's language when the studio has its words.
  const pageLanguage = languageSchema.safeParse(language.split('-')[0]).success ? language.split('-')[0]! : i18n.language;
  const { kind, id } = target;
  const request = useMemo(
    () => ({
      target: { kind, id } as PackageTarget,
      format,
      media: mediaChoice,
      includePrivateNotes,
      verifyPage: format === 'web' && verifyPage,
      ...(folder.trim() && { folder: folder.trim() }),
      ...(format === 'web' && { labels: webLabels(i18n.getFixedT(pageLanguage), licence, pageLanguage) }),
    }),
    [kind, id, format, mediaChoice, includePrivateNotes, verifyPage, folder, i18n, pageLanguage, licence],
  );

  const estimate = useExportEstimate(request, offerFolder, setProblem);

  const warnings = estimate ? sizeWarnings(estimate, mediumLimits[medium], format, t, bytes) : [];

  // Lessons whose licence forbids this copy: said before anything is written; the person may close the dialog or go on.
  const concerns = estimate?.licenceConcerns ?? [];

  const start = async () => {
    try {
      const { job: queued, path } = await exportPackage(request);
      // Its progress events may have arrived before this answer did: keep whichever is newer.
      useJobs.setState((s) =>
        s.jobs[queued.id] && s.jobs[queued.id]!.updatedAt >= queued.updatedAt ? s : { jobs: { ...s.jobs, [queued.id]: queued } },
      );
      setStarted({ jobId: queued.id, path });
    } catch (err) {
      setProblem(errorMessage(t, err));
    }
  };

  return (
    <dialog ref={dialog} className="collection-dialog export-dialog" aria-labelledby="export-title" onClose={onClose}>
      <form
        className="details-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <h2 id="export-title">{withBdi(t, 'packages.exportTitle', { title })}</h2>
        <fieldset>
          <legend>{t('packages.format')}</legend>
          {(['pcircle', 'web'] as const).map((f) => (
            <label key={f} className="radio">
              <input type="radio" name="format" checked={format === f} onChange={() => setFormat(f)} />
              <span>
                {t(`packages.formats.${f}`)}
                <span className="muted small-text block">{t(`packages.formatHelp.${f}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('packages.video')}</legend>
          {(['proxy', 'original'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="media" checked={mediaChoice === m} onChange={() => setMediaChoice(m)} />
              <span>{t(`packages.media.${m}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="radio">
          <input type="checkbox" checked={includePrivateNotes} onChange={(e) => setIncludePrivateNotes(e.target.checked)} />
          <span>{t('packages.includePrivate')}</span>
        </label>
        {format === 'web' && (
          <label className="radio">
            <input type="checkbox" checked={verifyPage} onChange={(e) => setVerifyPage(e.target.checked)} />
            <span>
              {t('packages.verifyPage')}
              <span className="muted small-text block">{t('packages.verifyPageHelp')}</span>
            </span>
          </label>
        )}
        <label>
          <span>{t('packages.folder')}</span>
          <input
            value={folder}
            onFocus={() => (folderTouched.current = true)}
            onChange={(e) => {
              folderTouched.current = true;
              setFolder(e.target.value);
            }}
            dir="ltr"
            aria-describedby="folder-help"
          />
          <span id="folder-help" className="muted small-text">
            {t('packages.folderHelp')}
          </span>
        </label>
        <label>
          <span>{t('packages.medium')}</span>
          <select value={medium} onChange={(e) => setMedium(e.target.value as Medium)}>
            {(Object.keys(mediumLimits) as Medium[]).map((m) => (
              <option key={m} value={m}>
                {t(`packages.mediums.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="export-summary" aria-live="polite">
          {estimate && (
            <p>
              {t('packages.estimate', {
                size: bytes(estimate.totalBytes),
                files: t('packages.fileCount', { count: estimate.fileCount }),
                lessons: t('packages.lessonCount', { count: estimate.lessonCount }),
              })}
              <br />
              <span className="muted small-text" dir="ltr">
                {estimate.name}
              </span>
            </p>
          )}
          {concerns.length > 0 && (
            <div className="export-warning licence-warning" role="alert">
              <p>{t('packages.licenceWarning.heading', { count: concerns.length })}</p>
              <ul>
                {concerns.flatMap((c) =>
                  c.reasons.map((reason) => (
                    <li key={`${c.lessonId}-${reason}`}>
                      {withBdi(
                        t,
                        `packages.licenceWarning.${reason}`,
                        { title: c.title, author: c.authorName || t('packages.licenceWarning.someone') },
                        { licence: t(`collections.licences.${c.licence}`) },
                      )}
                    </li>
                  )),
                )}
              </ul>
              <p>{t('packages.licenceWarning.confirm')}</p>
            </div>
          )}
          {warnings.map((w) => (
            <p key={w} className="export-warning" role="alert">
              {w}
            </p>
          ))}
          {problem && (
            <p className="error-text" role="alert">
              {problem}
            </p>
          )}
        </div>
        {job && (
          <ul className="lesson-jobs">
            <JobRow job={job} onCancel={() => cancelJob(job.id)} onRetry={() => retryJob(job.id)} />
          </ul>
        )}
        {job?.status === 'done' && started && (
          <p className="export-done" role="status">
            {t('packages.saved')} <span dir="ltr">{started.path}</span>
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('common.close')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={!estimate || (job !== undefined && job.status !== 'done' && job.status !== 'failed' && job.status !== 'cancelled')}
          >
            {concerns.length > 0 ? t('packages.licenceWarning.proceed') : t('packages.exportButton')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * The export's size for the latest choices, asked a moment after they settle. The default folder it
 * answers is offered to the folder field; a failure is said as the dialog's problem.
 */
function useExportEstimate(
  request: Parameters<typeof collectionLookups.estimatePackage>[0],
  offerFolder: (folder: string) => void,
  setProblem: (problem: string | null) => void,
): ExportEstimate | null {
  const { t } = useTranslation();
  const [estimate, setEstimate] = useState<ExportEstimate | null>(null);
  useEffect(() => {
    // Only the answer to the latest choices counts; an earlier one arriving late is dropped.
    let latest = true;
    const timer = setTimeout(() => {
      collectionLookups
        .estimatePackage(request)
        .then((e) => {
          if (!latest) return;
          setEstimate(e);
          setProblem(null);
          offerFolder(e.folder);
        })
        .catch((err: unknown) => {
          if (!latest) return;
          setEstimate(null);
          setProblem(errorMessage(t, err));
        });
    }, 250);
    return () => {
      latest = false;
      clearTimeout(timer);
    };
  }, [request, t, offerFolder, setProblem]);
  return estimate;
}

/** What stands in the way of the export as estimated: files or a total too big for the medium, too little room, items left out. */
function sizeWarnings(
  estimate: ExportEstimate,
  limits: (typeof mediumLimits)[Medium],
  format: Format,
  t: TFunction,
  bytes: (n: number) => string,
): string[] {
  return [
    limits.maxFileBytes !== null &&
      estimate.largestFileBytes > limits.maxFileBytes &&
      t(`packages.tooBigForFile.${format}`, { size: bytes(estimate.largestFileBytes), limit: bytes(limits.maxFileBytes + 1) }),
    limits.capacityBytes !== null &&
      estimate.totalBytes > limits.capacityBytes &&
      t('packages.tooBigForMedium', { size: bytes(estimate.totalBytes), limit: bytes(limits.capacityBytes) }),
    estimate.freeBytes !== null &&
      estimate.totalBytes > estimate.freeBytes &&
      t('packages.noRoom', { size: bytes(estimate.totalBytes), free: bytes(estimate.freeBytes) }),
    estimate.skippedItems > 0 && t('packages.skipped', { count: estimate.skippedItems }),
  ].filter((w): w is string => Boolean(w));
}
