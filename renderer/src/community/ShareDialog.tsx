import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../common/contract';
import type { LocalCommunity } from '../../../common/schemas/community';
import type { BlurState } from '../../../common/schemas/blur';
import type { Lesson } from '../../../common/schemas/lesson';
import type { ShareDetails } from '../../../common/schemas/sharing';
import { consentVisibilities, licences, mediaKinds, type Consent } from '../../../common/sync/entities';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { useJobs } from '../store/jobs';
import { CommunitySelect } from './CommunitySelect';
import { sharingActions } from './actions';
import { blurActions } from '../blur/actions';

interface Props {
  lesson: Lesson;
  current: ShareDetails | null;
  communities: LocalCommunity[];
  onClose(): void;
  onChanged(): void;
}

/**
 * Sharing a lesson asks for the consent record first: who can be seen, whether consent is on file,
 * how long the share lasts and under which licence, and what travels (the small proxy by default).
 * A lesson showing learners can be shared only once consent is confirmed to be on file.
 */
export function ShareDialog({ lesson, current, communities, onClose, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const lessonId = lesson.id;
  const dialog = useRef<HTMLDialogElement>(null);
  const [communityId, setCommunityId] = useState(current?.communityId ?? communities[0]?.id ?? '');
  const [visibility, setVisibility] = useState<Consent['visibility']>(current?.consent.visibility ?? 'no_learners');
  const [onFile, setOnFile] = useState(current?.consent.onFile ?? false);
  const [limited, setLimited] = useState(current ? current.consent.durationDays !== null : false);
  const [days, setDays] = useState(current?.consent.durationDays ?? 30);
  // The talk analysis stays on this computer unless the teacher ticks it: off by default.
  const [talk, setTalk] = useState(current?.consent.talkAnalysis ?? false);
  const [licence, setLicence] = useState<(typeof licences)[number]>(current?.licence ?? 'all_rights_reserved');
  const [mediaKind, setMediaKind] = useState<(typeof mediaKinds)[number]>(current?.mediaKind ?? 'proxy');
  const [chooseUnblurred, setChooseUnblurred] = useState(current?.consent.unblurredChosen ?? false);
  const [blur, setBlur] = useState<BlurState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void blurActions
      .get({ lessonId })
      .then((b) => {
        setBlur(b);
        // A lesson that shows faces goes blurred by default while consent is not on file.
        if (!current && b.copy !== 'none' && b.regions.some((r) => !r.removed && r.source !== 'fixed')) setMediaKind('blurred');
      })
      .catch(() => undefined);
  }, [lessonId, current]);

  useEffect(() => {
    void useJobs.getState().load();
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);

  // Faces without consent on file travel blurred, or unblurred only by an explicit choice the share records.
  const facesWithoutConsent = !onFile && Boolean(blur?.regions.some((r) => !r.removed && r.source !== 'fixed'));
  const unblurredFaces = facesWithoutConsent && mediaKind !== 'blurred' && mediaKind !== 'audio';
  const blurredNotReady = mediaKind === 'blurred' && blur?.copy !== 'current';
  const facesSettled = facesWithoutConsent && (mediaKind === 'blurred' || chooseUnblurred);
  const needsConsent = visibility !== 'no_learners' && !onFile && !facesSettled;
  // The smaller copy may still be in the making right after an import or a recording: say so, show how
  // far it is, and let the teacher share the moment it is there (the lesson reloads when it is).
  const proxyJob = Object.values(useJobs((s) => s.jobs)).find((j) => j.lessonId === lessonId && j.kind === 'proxy' && j.status !== 'done');
  const waitingForProxy = !current && mediaKind === 'proxy' && !lesson.assets.some((a) => a.kind === 'proxy');
  const stillProcessing = !current && lesson.status !== 'ready';
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
      onClose();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  const input: CallInput<'sharing.share'> = {
    lessonId,
    communityId,
    consent: {
      visibility,
      onFile,
      durationDays: limited ? Math.max(1, Math.min(3650, Math.round(days))) : null,
      unblurredChosen: unblurredFaces && chooseUnblurred,
      talkAnalysis: talk,
    },
    licence,
    mediaKind,
  };

  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby="share-title" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => sharingActions.share(input));
        }}
      >
        <h2 id="share-title">{current ? t('share.editTitle') : t('share.title')}</h2>
        {current && (
          <p className="muted small-text">
            {t('share.sharedSince', { community: current.communityName, date: formatDate(current.sharedAt, i18n.language) })}
            {current.expiresAt !== null && ` · ${t('share.until', { date: formatDate(current.expiresAt, i18n.language) })}`}
          </p>
        )}
        <label className="field">
          <span>{t('share.community')}</span>
          <CommunitySelect required communities={communities} value={communityId} disabled={current !== null} onChange={setCommunityId} />
        </label>
        <fieldset>
          <legend>{t('share.visibility')}</legend>
          {consentVisibilities.map((v) => (
            <label key={v} className="check">
              <input type="radio" name="visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} />
              <span>{t(`share.visibilities.${v}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={onFile} onChange={(e) => setOnFile(e.target.checked)} />
          <span>{t('share.onFile')}</span>
        </label>
        {needsConsent && <p className="notice small-text">{t('share.needsConsent')}</p>}
        <label className="check">
          <input type="checkbox" checked={talk} onChange={(e) => setTalk(e.target.checked)} aria-describedby="share-talk-help" />
          <span>
            {t('share.talk')}
            <span id="share-talk-help" className="muted small-text block">
              {t('share.talkHelp')}
            </span>
          </span>
        </label>
        <fieldset>
          <legend>{t('share.duration')}</legend>
          <label className="check">
            <input type="radio" name="duration" checked={!limited} onChange={() => setLimited(false)} />
            <span>{t('share.untilRemoved')}</span>
          </label>
          <label className="check">
            <input type="radio" name="duration" checked={limited} onChange={() => setLimited(true)} />
            <span>{t('share.forDays')}</span>
          </label>
          {limited && (
            <label className="field inline-field">
              <span>{t('share.days')}</span>
              <input type="number" min={1} max={3650} dir="ltr" value={days} onChange={(e) => setDays(Number(e.target.value))} />
            </label>
          )}
        </fieldset>
        <label className="field">
          <span>{t('share.licence')}</span>
          <select value={licence} onChange={(e) => setLicence(e.target.value as typeof licence)}>
            {licences.map((l) => (
              <option key={l} value={l}>
                {t(`share.licences.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('share.travels')}</legend>
          {mediaKinds.map((k) => (
            <label key={k} className="check">
              <input
                type="radio"
                name="media"
                value={k}
                checked={mediaKind === k}
                disabled={current !== null}
                onChange={() => setMediaKind(k)}
              />
              <span>{t(`share.mediaKinds.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        {facesWithoutConsent && mediaKind === 'blurred' && <p className="small-text">{t('share.facesBlurred')}</p>}
        {blurredNotReady && <p className="notice small-text">{t('share.needsBlurredCopy')}</p>}
        {unblurredFaces && (
          <label className="check">
            <input type="checkbox" checked={chooseUnblurred} onChange={(e) => setChooseUnblurred(e.target.checked)} />
            <span>{t('share.chooseUnblurred')}</span>
          </label>
        )}
        {(stillProcessing || waitingForProxy) && (
          <p className="notice small-text" role="status">
            {stillProcessing
              ? t('share.waitProcessing')
              : proxyJob?.status === 'failed' || proxyJob?.status === 'cancelled' || !proxyJob
                ? t('share.noProxy')
                : t('share.waitProxy', { percent: Math.round(proxyJob.progress * 100) })}
          </p>
        )}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {current && (
            <button type="button" className="danger" disabled={busy} onClick={() => void act(() => sharingActions.unshare({ lessonId }))}>
              {t('share.unshare')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={
              busy ||
              needsConsent ||
              !communityId ||
              stillProcessing ||
              waitingForProxy ||
              blurredNotReady ||
              (unblurredFaces && !chooseUnblurred)
            }
          >
            {current ? t('share.update') : t('share.share')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
