import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { AchievementList } from './AchievementList';
import { useRecognition } from './useRecognition';
import './credentials.css';

/** What members can be recognised for: the community's achievements, as its leads defined them (read only). */
export function CommunityAchievements({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const toast = useToasts((s) => s.show);
  const { achievements } = useRecognition(communityId, (err) => toast('error', errorMessage(t, err)));
  const inUse = achievements.filter((a) => a.retiredAt === null);
  return (
    <section aria-labelledby="achievements-title" className="recognition">
      <h2 id="achievements-title">{t('credentials.recognition.achievementsTitle')}</h2>
      <AchievementList achievements={inUse} onEdit={() => undefined} onRetire={() => undefined} />
    </section>
  );
}
