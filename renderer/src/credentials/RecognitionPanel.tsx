import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Achievement } from '../../../common/credentials/calls';
import type { Member } from '../../../common/hub-api';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { useToasts } from '../store/toasts';
import { AchievementForm } from './AchievementForm';
import { AchievementList } from './AchievementList';
import { AwardSection } from './AwardSection';
import { credentialActions } from './actions';
import { textOf, useRecognition } from './useRecognition';
import './credentials.css';

/**
 * Recognition, for leads: the community's achievements (defined and edited here, in its languages,
 * reaching every member through sync), awarding them, and what was awarded, signed or waiting for the
 * hub's signature, with Revoke. The hub signs; this studio never holds the community's key.
 */
export function RecognitionPanel({ communityId, languages, members }: { communityId: string; languages: string[]; members: Member[] }) {
  const { t, i18n } = useTranslation();
  const toast = useToasts((s) => s.show);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const { achievements, credentials, pending } = useRecognition(communityId, fail);
  const [editing, setEditing] = useState<Achievement | null>(null);
  const memberName = (id: string) => members.find((m) => m.userId === id)?.displayName ?? '';
  const achievementName = (id: string) => {
    const found = achievements.find((a) => a.id === id);
    return found ? textOf(found, i18n.language).name : '';
  };
  const retire = (a: Achievement) => void credentialActions.retireAchievement({ id: a.id }).catch(fail);

  return (
    <section aria-labelledby="recognition-title" className="recognition">
      <h2 id="recognition-title">{t('credentials.recognition.title')}</h2>
      <h3>{t('credentials.recognition.achievementsTitle')}</h3>
      <AchievementList achievements={achievements} onEdit={setEditing} onRetire={retire} />
      <AchievementForm
        key={editing?.id ?? 'new'}
        communityId={communityId}
        languages={languages}
        editing={editing}
        onDone={() => setEditing(null)}
      />
      <AwardSection communityId={communityId} achievements={achievements} members={members} />

      <h3>{t('credentials.recognition.awardedTitle')}</h3>
      {credentials.length + pending.length === 0 && <p className="muted">{t('credentials.recognition.noneAwarded')}</p>}
      <ul>
        {pending.map((p) => (
          <li key={p.id} className="recognition-row">
            <span dir="auto">{achievementName(p.achievementId)}</span>
            <span dir="auto">{memberName(p.holderId)}</span>
            <span className="muted">{t('credentials.recognition.pending')}</span>
          </li>
        ))}
        {credentials.map((c) => (
          <li key={c.id} className="recognition-row">
            <span dir="auto">{String(c.credential.name ?? '')}</span>
            <span dir="auto">{memberName(c.holderId)}</span>
            <span className="muted">{formatDate(c.issuedAt, i18n.language)}</span>
            {c.revokedAt === null ? (
              <button
                type="button"
                className="small danger"
                onClick={() => void credentialActions.revoke({ communityId, credentialId: c.id }).catch(fail)}
              >
                {t('credentials.recognition.revoke')}
              </button>
            ) : (
              <strong className="revoked">{t('credentials.revoked')}</strong>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
