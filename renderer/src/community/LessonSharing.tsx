import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../../common/schemas/lesson';
import type { ShareDetails } from '../../../common/schemas/sharing';
import { can } from '../../../common/permissions';
import { errorMessage } from '../lib/errors';
import { formatBytes } from '../lib/format';
import { useCommunities } from '../store/communities';
import { useRoute } from '../store/route';
import { useSync } from '../store/sync';
import { useToasts } from '../store/toasts';
import { withBdi } from '../lib/bidi';
import { ArchiveSharing } from './ArchiveLine';
import { DownloadState } from './DownloadState';
import { countryName } from './format';
import { ShareDialog } from './ShareDialog';
import './community.css';
import { askConfirm } from '../store/confirm';
import { sharingActions, syncActions } from './actions';

/**
 * The lesson page's sharing corner. A lesson recorded here: share it (or change or end its share).
 * A lesson from a community: who shared it and from where, its download, and unsharing where the
 * permission table allows it (its owner, or a lead).
 */
export function LessonSharing({ lesson, onChanged }: { lesson: Lesson; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const signedIn = useSync((s) => s.state?.signedIn ?? false);
  const communities = useCommunities((s) => s.communities);
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const [details, setDetails] = useState<ShareDetails | null>(null);
  const [open, setOpen] = useState(false);
  const [opening, setOpening] = useState(false);
  const shared = lesson.shared;
  const uploadRemaining = Object.values(useSync((s) => s.transfers))
    .filter((t) => t.lessonId === lesson.id && t.direction === 'upload' && t.state !== 'done')
    .reduce((sum, t) => sum + Math.max(0, t.sizeBytes - t.doneBytes), 0);

  useEffect(() => {
    if (signedIn) void useCommunities.getState().load();
    void useSync.getState().loadTransfers();
  }, [signedIn]);
  useEffect(() => {
    sharingActions.get({ lessonId: lesson.id }).then(setDetails, () => setDetails(null));
  }, [lesson.id, lesson.updatedAt, shared?.communityId, shared?.download]);

  // Where "Share…" leads depends on the account, the communities and the current share, which load
  // after the page appears. A click that comes first (right after opening a lesson, or on a busy
  // machine) waits for them rather than read empty stores as "no communities" and go to the hub screen.
  const openShareDialog = async () => {
    setOpening(true);
    try {
      const state = useSync.getState().state ?? (await syncActions.status({}));
      if (!state.signedIn) return go({ name: 'hub' });
      if (!useCommunities.getState().loaded) await useCommunities.getState().load();
      if (useCommunities.getState().communities.length === 0) return go({ name: 'hub' });
      // The dialog starts from the current share, so it must be there before the dialog opens.
      if (shared) setDetails(await sharingActions.get({ lessonId: lesson.id }));
      setOpen(true);
    } catch (err) {
      toast('error', errorMessage(t, err));
    } finally {
      setOpening(false);
    }
  };

  if (lesson.archive) return <ArchiveSharing archive={lesson.archive} />;

  if (shared?.origin === 'hub') {
    const role = communities.find((c) => c.id === shared.communityId)?.myRole;
    const mayUnshare = role !== undefined && can(role, 'lesson.unshare', { isOwner: shared.mine });
    const unshare = async () => {
      if (!(await askConfirm({ message: t('share.confirmUnshare', { title: lesson.title }), confirmLabel: t('share.unshare') }))) return;
      sharingActions.unshare({ lessonId: lesson.id }).then(
        () => go({ name: 'library' }),
        (err: unknown) => toast('error', errorMessage(t, err)),
      );
    };
    return (
      <div className="lesson-sharing">
        <span className="share-chip">
          {shared.mine
            ? withBdi(t, 'share.yoursFromHub', { community: shared.communityName })
            : withBdi(t, 'share.sharedBy', { name: shared.ownerName || t('community.formerMember'), community: shared.communityName })}
          {shared.country && ` · ${countryName(shared.country, i18n.language)}`}
        </span>
        <DownloadState lessonId={lesson.id} state={shared.download} title={lesson.title} />
        <button
          type="button"
          className="small danger"
          disabled={!mayUnshare}
          title={mayUnshare ? undefined : t('share.onlyOwnerOrLead')}
          onClick={() => void unshare()}
        >
          {t('share.unshare')}
        </button>
      </div>
    );
  }

  return (
    <div className="lesson-sharing">
      {shared && (
        <span className="share-chip">
          {withBdi(t, 'share.sharedIn', { community: shared.communityName })}
          {uploadRemaining > 0 && ` · ${t('share.uploading', { size: formatBytes(uploadRemaining, i18n.language) })}`}
        </span>
      )}
      <button
        type="button"
        className="small"
        disabled={opening}
        onClick={() => void openShareDialog()}
        title={signedIn ? (communities.length > 0 ? undefined : t('share.needCommunity')) : t('share.needSignIn')}
      >
        {shared ? t('share.manage') : t('share.open')}
      </button>
      {open && (
        <ShareDialog
          lesson={lesson}
          current={details}
          communities={communities}
          onClose={() => setOpen(false)}
          onChanged={() => {
            onChanged();
            sharingActions.get({ lessonId: lesson.id }).then(setDetails, () => setDetails(null));
          }}
        />
      )}
    </div>
  );
}
