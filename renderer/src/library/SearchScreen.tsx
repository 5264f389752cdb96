import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../common/schemas/search';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
import { useRoute } from '../store/route';
import { searchActions } from './actions';

/** One field over lesson titles and descriptions, notes, replies, reflections and clip names. */
export function SearchScreen({ initialQuery }: { initialQuery: string }) {
  const { t, i18n } = useTranslation();
  const go = useRoute((s) => s.go);
  const [query, setQuery] = useState(initialQuery);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  useEffect(() => {
    let live = true;
    // Kept in the address without a new history entry per keystroke, so Back returns to these results.
    window.history.replaceState(null, '', `#/search${query ? `?q=${encodeURIComponent(query)}` : ''}`);
    const timer = setTimeout(() => {
      if (!query.trim()) return setHits(null);
      searchActions
        .query({ query })
        .then((r) => {
          if (!live) return;
          setHits(r.hits);
          setError(null);
        })
        .catch((err: unknown) => live && setError(errorMessage(t, err)));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, t]);

  return (
    <section className="search-screen" aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          ref={field}
          type="search"
          className="search-field"
          dir="auto"
          value={query}
          maxLength={200}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          onChange={(e) => setQuery(e.target.value)}
        />
      </form>
      {error && <p className="error-text">{error}</p>}
      {hits && (
        <p className="muted" aria-live="polite">
          {t('search.count', { count: hits.length, formatted: new Intl.NumberFormat(i18n.language).format(hits.length) })}
        </p>
      )}
      <ul className="search-results">
        {hits?.map((hit, i) => {
          const at = hit.atMs !== null ? formatTimecode(hit.atMs, i18n.language) : null;
          const label = at ? t('search.openAt', { title: hit.lessonTitle, time: at }) : t('search.open', { title: hit.lessonTitle });
          return (
            <li key={`${hit.kind}:${hit.noteId ?? hit.clipId ?? hit.lessonId}`} className="search-hit">
              {/* Only the title is the button, stretched over the result, so its name ("Open <title> at <time>")
                  holds all its visible text; the kind, the moment and the passage are its description. */}
              <span className="hit-head">
                <span className="hit-kind" id={`hit-${i}-kind`}>
                  {t(`search.kinds.${hit.kind}`)}
                </span>
                <button
                  type="button"
                  className="hit-open"
                  onClick={() =>
                    go({
                      name: 'lesson',
                      id: hit.lessonId,
                      ...(hit.atMs !== null ? { atMs: hit.atMs } : {}),
                      ...(hit.clipId ? { clipId: hit.clipId } : {}),
                    })
                  }
                  aria-label={label}
                  aria-describedby={`hit-${i}-kind hit-${i}`}
                >
                  <span className="hit-title" dir="auto">
                    {hit.lessonTitle}
                  </span>
                </button>
                {at && <span className="timecode">{at}</span>}
              </span>
              {/* Matches are marked by element, and every piece is plain text: nothing the user wrote becomes HTML. */}
              <span className="hit-snippet" dir="auto" id={`hit-${i}`}>
                {hit.snippet.map((piece, j) => (piece.match ? <mark key={j}>{piece.text}</mark> : <span key={j}>{piece.text}</span>))}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
