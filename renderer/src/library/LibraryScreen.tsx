import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportButton } from './ImportButton';
import { LessonCard, LessonRow } from './LessonCard';
import { formatPercent } from '../lib/format';
import { useLibrary } from '../store/library';
import { useRoute } from '../store/route';
import { useSettings } from '../store/settings';
import { WelcomeCard } from '../welcome/WelcomeCard';

export function LibraryScreen() {
  const { t, i18n } = useTranslation();
  const { items, total, loaded, query, sort, uploads, load, loadMore, setQuery, setSort } = useLibrary();
  const view = useSettings((s) => s.settings?.libraryView ?? 'grid');
  const update = useSettings((s) => s.update);
  const welcomeDone = useSettings((s) => s.settings?.welcomeDone ?? true);
  const go = useRoute((s) => s.go);
  const [search, setSearch] = useState(query);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const timer = setTimeout(() => search !== query && setQuery(search), 200);
    return () => clearTimeout(timer);
  }, [search, query, setQuery]);

  const open = (id: string) => go({ name: 'lesson', id });
  const isEmpty = loaded && total === 0 && !query;

  return (
    <section className="library" aria-labelledby="library-title">
      <div className="toolbar">
        <h1 id="library-title">{t('library.title')}</h1>
        {!isEmpty && (
          <>
            <input
              type="search"
              className="search"
              placeholder={t('library.search')}
              aria-label={t('library.search')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <label className="inline-field">
              <span>{t('library.sort')}</span>
              <select value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
                <option value="newest">{t('library.sortNewest')}</option>
                <option value="oldest">{t('library.sortOldest')}</option>
                <option value="title">{t('library.sortTitle')}</option>
              </select>
            </label>
            <div className="segmented" role="group" aria-label={t('library.view')}>
              <button type="button" aria-pressed={view === 'grid'} onClick={() => void update({ libraryView: 'grid' })}>
                {t('library.viewGrid')}
              </button>
              <button type="button" aria-pressed={view === 'list'} onClick={() => void update({ libraryView: 'list' })}>
                {t('library.viewList')}
              </button>
            </div>
          </>
        )}
        <span className="spacer" />
        <ImportButton primary={!isEmpty} />
      </div>

      {!welcomeDone && <WelcomeCard />}

      {uploads.length > 0 && (
        <ul className="uploads">
          {uploads.map((u) => (
            <li key={u.name}>
              <span dir="auto">{t('library.importing', { name: u.name, percent: formatPercent(u.fraction, i18n.language) })}</span>
              <progress max={1} value={u.fraction} aria-label={u.name} />
            </li>
          ))}
        </ul>
      )}

      {!loaded && <p className="muted">{t('common.loading')}</p>}

      {isEmpty && (
        <div className="empty-state">
          <div className="empty-illustration" aria-hidden="true">
            ▶
          </div>
          <h2>{t('library.emptyTitle')}</h2>
          <p>{t('library.emptyBody')}</p>
          <p className="muted">{t('library.emptyFormats')}</p>
          <div className="empty-actions">
            <button type="button" className="primary" onClick={() => go({ name: 'record' })}>
              {t('library.emptyRecord')}
            </button>
            <ImportButton />
          </div>
        </div>
      )}

      {loaded && total === 0 && query && <p className="muted">{t('library.noResults', { query })}</p>}

      {total > 0 && (
        <>
          <p className="muted count">{t('library.count', { count: total })}</p>
          {view === 'grid' ? (
            <ul className="lesson-grid">
              {items.map((lesson) => (
                <LessonCard key={lesson.id} lesson={lesson} onOpen={() => open(lesson.id)} />
              ))}
            </ul>
          ) : (
            <table className="lesson-table">
              <thead>
                <tr>
                  <th scope="col">{t('library.columnTitle')}</th>
                  <th scope="col">{t('library.columnSubject')}</th>
                  <th scope="col">{t('library.columnDate')}</th>
                  <th scope="col">{t('library.columnDuration')}</th>
                  <th scope="col">{t('library.columnNotes')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((lesson) => (
                  <LessonRow key={lesson.id} lesson={lesson} onOpen={() => open(lesson.id)} />
                ))}
              </tbody>
            </table>
          )}
          {items.length < total && (
            <button type="button" className="load-more" onClick={() => void loadMore()}>
              {t('library.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
