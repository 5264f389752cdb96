import { useTranslation } from 'react-i18next';
import { Tabs } from '../ui/Tabs';
import { useRoute } from '../store/route';
import { useSync } from '../store/sync';
import { CalibrationPanel } from './CalibrationPanel';
import { GrowthPanel } from './GrowthPanel';
import { MentorInbox } from './MentorInbox';
import { MyRequests } from './MyRequests';
import { NeedsCommunity } from './NeedsCommunity';
import { TalkGrowth } from '../talk/TalkGrowth';
import { Notices } from './Notices';
import { UnreadBadge } from './UnreadBadge';
import { RubricsPanel } from './RubricsPanel';
import { useReviews } from './store';
import { reviewTabs, type ReviewTab } from './tabs';
import './review.css';

/** Everything about reviews that is not one lesson: inboxes, notices, growth, rubrics and calibration. */
export function ReviewsScreen({ tab }: { tab: ReviewTab }) {
  const { t } = useTranslation();
  const go = useRoute((s) => s.go);
  const unread = useReviews((s) => s.unread);
  // Until the hub status is known nothing is asked of the hub; with no account, nothing at all.
  const hub = useSync((s) => s.hub);
  return (
    <section className="reviews-screen" aria-labelledby="reviews-title">
      <h1 id="reviews-title">{t('review.screen.title')}</h1>
      <Tabs
        label={t('review.screen.sections')}
        idPrefix="reviews"
        tabs={reviewTabs.map((name) => ({
          id: name,
          label: (
            <>
              {t(`review.screen.tabs.${name}`)}
              {name === 'notices' && <UnreadBadge count={unread} />}
            </>
          ),
        }))}
        selected={tab}
        onSelect={(name) => go({ name: 'reviews', tab: name })}
      >
        {hub && !hub.account && <NeedsCommunity tab={tab} />}
        {/* Talk growth is measured on this computer: it needs no account, unlike the rest of Growth. */}
        {hub && !hub.account && tab === 'growth' && <TalkGrowth goals={[]} version={0} />}
        {hub?.account && (
          <>
            {tab === 'inbox' && <MentorInbox />}
            {tab === 'requests' && <MyRequests />}
            {tab === 'notices' && <Notices />}
            {tab === 'growth' && <GrowthPanel />}
            {tab === 'rubrics' && <RubricsPanel />}
            {tab === 'calibration' && <CalibrationPanel />}
          </>
        )}
      </Tabs>
    </section>
  );
}
