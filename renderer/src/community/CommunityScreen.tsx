import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../common/hub-api';
import type { LocalCommunity, SharedLesson } from '../../../common/schemas/community';
import { can, type Role } from '../../../common/permissions';
import { errorMessage } from '../lib/errors';
import { formatDate, formatTimecode } from '../lib/format';
import { useCommunities } from '../store/communities';
import { useRoute } from '../store/route';
import { useSync } from '../store/sync';
import { useToasts } from '../store/toasts';
import { DownloadState } from './DownloadState';
import { countryName, languageNames, timeAgo } from './format';
import { InvitePanel } from './InvitePanel';
import { MemberTable } from './MemberTable';
import { useNow } from './useNow';
import './community.css';
import { askConfirm } from '../store/confirm';
import { CommunityAchievements } from '../credentials/CommunityAchievements';
import { RecognitionPanel } from '../credentials/RecognitionPanel';
import { communityActions, memberActions } from './actions';
import { mediaUrl, onStudioEvent } from '../lib/shell';

/** One community: the lessons shared into it, its members across countries, invites, and leaving. */
export function CommunityScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const myId = useSync((s) => s.hub?.account?.userId ?? null);
  const now = useNow();
  const [community, setCommunity] = useState<LocalCommunity | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [lessons, setLessons] = useState<SharedLesson[]>([]);
  const [error, setError] = useState<unknown>(null);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));

  const load = useCallback(async () => {
    try {
      const [c, l] = await Promise.all([communityActions.get({ communityId: id }), communityActions.lessons({ communityId: id })]);
      setCommunity(c);
      setLessons(l);
      setError(null);
      setMembers((await memberActions.list({ communityId: id })).members);
    } catch (err) {
      setError(err);
    }
  }, [id]);

  useEffect(() => {
    void load();
    // Lessons arrive, leave and finish downloading while the page is open.
    return onStudioEvent('library.changed', () => void load());
  }, [load]);

  if (error) {
    return (
      <section className="lesson-missing">
        <p>{errorMessage(t, error)}</p>
        <button type="button" onClick={() => go({ name: 'hub' })}>
          {t('nav.back')}
        </button>
      </section>
    );
  }
  if (!community) return <p className="muted">{t('common.loading')}</p>;
  const myRole: Role = community.myRole;

  const changeRole = (m: Member, role: Role) =>
    memberActions.changeRole({ communityId: id, userId: m.userId, role }).then((r) => setMembers(r.members), fail);
  const remove = async (m: Member) => {
    if (!(await askConfirm({ message: t('community.confirmRemove', { name: m.displayName }), confirmLabel: t('community.remove') })))
      return;
    memberActions.remove({ communityId: id, userId: m.userId }).then((r) => setMembers(r.members), fail);
  };
  const leave = async () => {
    if (!(await askConfirm({ message: t('community.confirmLeave', { name: community.name }), confirmLabel: t('community.leave') }))) return;
    communityActions
      .leave({ communityId: id })
      .then(() => useCommunities.getState().load())
      .then(() => go({ name: 'hub' }), fail);
  };

  return (
    <section className="community-screen" aria-labelledby="community-title">
      <div className="community-head">
        <button type="button" className="ghost" onClick={() => go({ name: 'hub' })}>
          <span className="flip-rtl" aria-hidden="true">
            ←
          </span>{' '}
          {t('hub.communities')}
        </button>
        <h1 id="community-title" dir="auto">
          {community.name}
        </h1>
        <span className="role-chip">{t(`community.roles.${myRole}`)}</span>
        <span className="spacer" />
        <button type="button" className="small danger" disabled={!can(myRole, 'community.leave')} onClick={() => void leave()}>
          {t('community.leave')}
        </button>
      </div>
      {community.description && (
        <p dir="auto" className="community-description">
          {community.description}
        </p>
      )}
      <p className="muted small-text">
        {community.languages.length > 0 && `${languageNames(community.languages, i18n.language)} · `}
        {community.syncedAt ? t('sync.lastSynced', { when: timeAgo(community.syncedAt, now, i18n.language) }) : t('sync.neverSynced')}
      </p>

      <section aria-labelledby="shared-lessons-title">
        <h2 id="shared-lessons-title">{t('community.lessons')}</h2>
        {lessons.length === 0 && <p className="muted">{t('community.noLessons')}</p>}
        <ul className="shared-lessons">
          {lessons.map((l) => (
            <li key={l.lessonId} className="shared-lesson">
              <button
                type="button"
                className="shared-lesson-open"
                onClick={() => go({ name: 'lesson', id: l.lessonId })}
                aria-label={t('library.openLesson', { title: l.title })}
              >
                <span className="poster">
                  {l.posterAssetId ? (
                    <img src={mediaUrl(l.posterAssetId)} alt="" loading="lazy" />
                  ) : (
                    <span className="poster-placeholder">{t('library.noPoster')}</span>
                  )}
                  {l.durationMs !== null && <span className="duration">{formatTimecode(l.durationMs, i18n.language)}</span>}
                </span>
                <span className="card-title" dir="auto">
                  {l.title}
                </span>
              </button>
              <p className="small-text">
                <span dir="auto">
                  {l.mine ? t('community.byYou') : t('community.by', { name: l.ownerName || t('community.formerMember') })}
                </span>
                {l.country && ` · ${countryName(l.country, i18n.language)}`}
              </p>
              <p className="muted small-text">{t('community.sharedOn', { date: formatDate(l.sharedAt, i18n.language) })}</p>
              {!l.mine && <DownloadState lessonId={l.lessonId} state={l.download} title={l.title} />}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('community.members', { count: members.length })}</h2>
        <MemberTable
          members={members}
          myRole={myRole}
          myId={myId}
          onRole={(m, r) => void changeRole(m, r)}
          onRemove={(m) => void remove(m)}
        />
      </section>

      <InvitePanel communityId={id} myRole={myRole} />

      {can(myRole, 'credential.award') ? (
        <RecognitionPanel communityId={id} languages={community.languages} members={members} />
      ) : (
        <CommunityAchievements communityId={id} />
      )}
    </section>
  );
}
