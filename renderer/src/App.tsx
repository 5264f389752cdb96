import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommunityScreen } from './community/CommunityScreen';
import { reportConnection } from './community/connection';
import { HubScreen } from './community/HubScreen';
import { SyncIndicator } from './community/SyncIndicator';
import { useInviteLinks } from './community/useInviteLinks';
import { useSync } from './store/sync';
import { CollectionScreen } from './collections/CollectionScreen';
import { CollectionsScreen } from './collections/CollectionsScreen';
import { CredentialsScreen } from './credentials/CredentialsScreen';
import { ConfirmDialog } from './ui/ConfirmDialog';
import { DropZone } from './library/DropZone';
import { JobsIndicator } from './ui/JobsIndicator';
import { Toasts } from './ui/Toasts';
import { useFocusHeadingOnNavigate } from './ui/useFocusHeadingOnNavigate';
import { RecordingIndicator } from './recording/RecordingIndicator';
import { RecoveryDialog } from './recording/RecoveryDialog';
import { LessonScreen } from './lesson/LessonScreen';
import { LibraryScreen } from './library/LibraryScreen';
import { RecordScreen } from './recording/RecordScreen';
import { ReportScreen } from './lesson/ReportScreen';
import { SearchScreen } from './library/SearchScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { useRoute } from './store/route';
import { useSettings } from './store/settings';
import { NoticeWatcher, ReviewsNavButton } from './review/NoticeWatcher';
import { ReviewsScreen } from './review/ReviewsScreen';
import { RubricEditor } from './review/RubricEditor';

export function App() {
  const { t } = useTranslation();
  const { route, go } = useRoute();
  const info = useSettings((s) => s.info);
  useInviteLinks();
  const main = useRef<HTMLElement>(null);
  useFocusHeadingOnNavigate(route, main);
  useEffect(() => {
    void useSync.getState().load();
    return reportConnection();
  }, []);
  const [connection, setConnection] = useState<'open' | 'lost'>('open');
  useEffect(() => {
    const onConnection = (e: Event) => setConnection((e as CustomEvent<'open' | 'lost'>).detail);
    window.addEventListener('studio-connection', onConnection);
    return () => window.removeEventListener('studio-connection', onConnection);
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.main')}>
          <button
            type="button"
            className="nav-link"
            aria-current={
              route.name !== 'settings' &&
              route.name !== 'search' &&
              route.name !== 'record' &&
              route.name !== 'hub' &&
              route.name !== 'community' &&
              route.name !== 'collections' &&
              route.name !== 'collection' &&
              route.name !== 'reviews' &&
              route.name !== 'rubric' &&
              route.name !== 'credentials'
                ? 'page'
                : undefined
            }
            onClick={() => go({ name: 'library' })}
          >
            {t('nav.library')}
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={route.name === 'collections' || route.name === 'collection' ? 'page' : undefined}
            onClick={() => go({ name: 'collections' })}
          >
            {t('nav.collections')}
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={route.name === 'search' ? 'page' : undefined}
            onClick={() => go({ name: 'search', query: '' })}
          >
            {t('nav.search')}
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={route.name === 'record' ? 'page' : undefined}
            onClick={() => go({ name: 'record' })}
          >
            {t('nav.record')}
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={route.name === 'hub' || route.name === 'community' ? 'page' : undefined}
            onClick={() => go({ name: 'hub' })}
          >
            {t('nav.communities')}
          </button>
          <ReviewsNavButton current={route.name === 'reviews' || route.name === 'rubric'} />
          <button
            type="button"
            className="nav-link"
            aria-current={route.name === 'credentials' ? 'page' : undefined}
            onClick={() => go({ name: 'credentials' })}
          >
            {t('nav.credentials')}
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={route.name === 'settings' ? 'page' : undefined}
            onClick={() => go({ name: 'settings' })}
          >
            {t('nav.settings')}
          </button>
        </nav>
        <div className="header-status">
          <RecordingIndicator />
          <SyncIndicator />
          <JobsIndicator />
        </div>
      </header>
      {connection === 'lost' && (
        <div className="banner banner-error" role="alert">
          {t('app.connectionLost')}
        </div>
      )}
      {info?.ffmpegError && (
        <div className="banner banner-error" role="alert">
          {t('settings.ffmpegMissing')}
        </div>
      )}
      <main id="main" ref={main}>
        {route.name === 'library' && <LibraryScreen />}
        {route.name === 'lesson' && <LessonScreen id={route.id} atMs={route.atMs} clipId={route.clipId} />}
        {route.name === 'settings' && <SettingsScreen />}
        {route.name === 'reviews' && <ReviewsScreen tab={route.tab} />}
        {route.name === 'rubric' && <RubricEditor key={route.id} id={route.id} communityId={route.communityId} />}
        {route.name === 'hub' && <HubScreen />}
        {route.name === 'community' && <CommunityScreen id={route.id} />}
        {route.name === 'collections' && <CollectionsScreen />}
        {route.name === 'credentials' && <CredentialsScreen />}
        {route.name === 'collection' && <CollectionScreen id={route.id} />}
        {route.name === 'record' && <RecordScreen />}
        {route.name === 'search' && <SearchScreen initialQuery={route.query} />}
        {route.name === 'report' && <ReportScreen id={route.id} />}
      </main>
      <DropZone />
      <Toasts />
      <NoticeWatcher />
      <RecoveryDialog />
      <ConfirmDialog />
    </div>
  );
}
