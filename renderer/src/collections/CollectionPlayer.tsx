import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate } from '../../../common/bidi';
import { withBdi } from '../lib/bidi';
import type { Collection, CollectionItem } from '../../../common/schemas/collection';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { itemLabel } from './item-label';
import { mediaUrl } from '../lib/shell';
import { useCollectionMutations } from './mutations';

const readyAfter = (items: CollectionItem[], from: number) => items.findIndex((i, k) => k > from && i.state === 'ready');

/**
 * Plays a collection: one item at a time, or all in order. A clip plays its range only, then the
 * next item starts; each item's curator's note shows while it plays.
 */
export function CollectionPlayer({
  collection,
  request,
  onNowPlaying,
}: {
  collection: Collection;
  request: { index: number; nonce: number };
  onNowPlaying(index: number): void;
}) {
  const { t, i18n } = useTranslation();
  const { items } = collection;
  // Each request to play makes a fresh video element (its key changes), which seeks to the item's start once loaded.
  const [session, setSession] = useState(() => ({ index: Math.max(0, readyAfter(items, -1)), autoplay: false, nonce: 0 }));
  const [sequence, setSequence] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const finished = useRef(false);
  const { update } = useCollectionMutations();
  const toast = useToasts((s) => s.show);
  const { index, autoplay } = session;
  const item = items[Math.min(index, items.length - 1)];

  useEffect(() => onNowPlaying(index), [index, onNowPlaying]);

  const go = (next: number, play: boolean) => {
    finished.current = false;
    setSession((s) => ({ index: next, autoplay: play, nonce: s.nonce + 1 }));
  };
  useEffect(() => {
    if (request.nonce === 0) return;
    finished.current = false;
    setSequence(false);
    setSession((s) => ({ index: request.index, autoplay: true, nonce: s.nonce + 1 }));
  }, [request]);
  const finish = () => {
    if (finished.current) return;
    finished.current = true;
    const next = readyAfter(items, index);
    if (sequence && next >= 0) go(next, true);
    else setSequence(false);
  };
  // timeupdate comes about four times a second (less often on a busy machine); in a clip's last
  // second a timer stops it on its moment.
  const stopper = useRef<ReturnType<typeof setTimeout> | null>(null);
  const checkEnd = (v: HTMLVideoElement) => {
    stopper.current = null;
    if (!item || item.endMs === null || v.paused) return;
    const leftMs = item.endMs - v.currentTime * 1000;
    if (leftMs <= 20) {
      v.pause();
      finish();
    } else if (leftMs < 1000) {
      stopper.current = setTimeout(() => checkEnd(v), leftMs / v.playbackRate);
    }
  };
  useEffect(
    () => () => {
      clearTimeout(stopper.current ?? undefined);
      stopper.current = null;
    },
    [session.nonce],
  );

  const takeFrame = async () => {
    const v = video.current;
    if (!v || !item) return;
    try {
      await update({ id: collection.id, cover: { lessonId: item.lessonId, atMs: Math.round(v.currentTime * 1000) } });
      toast('info', t('collections.coverSet'));
    } catch (err) {
      toast('error', errorMessage(t, err));
    }
  };

  if (!item) return <div className="player-placeholder">{t('collections.nothingToPlay')}</div>;
  const label = itemLabel(t, item, i18n.language);

  return (
    <div className="collection-player">
      {item.state === 'ready' && item.playbackAssetId ? (
        // Time flows left to right in every player, so the video and its controls stay LTR in Arabic too.
        <div className="player" dir="ltr">
          <video
            key={`${item.id}-${session.nonce}`}
            ref={video}
            src={mediaUrl(item.playbackAssetId)}
            poster={item.posterAssetId ? mediaUrl(item.posterAssetId) : undefined}
            controls
            preload="metadata"
            aria-label={t('collections.playerLabel', { title: isolate(label) })}
            onLoadedMetadata={(e) => {
              if (item.startMs) e.currentTarget.currentTime = item.startMs / 1000;
              if (autoplay) void e.currentTarget.play().catch(() => undefined);
            }}
            onTimeUpdate={(e) => {
              if (!stopper.current) checkEnd(e.currentTarget);
            }}
            onEnded={finish}
          />
        </div>
      ) : (
        <div className="player-placeholder">
          <p>{item.state === 'withdrawn' ? t('collections.withdrawnBody') : t('collections.pendingBody')}</p>
        </div>
      )}
      <p className="now-playing" aria-live="polite">
        {withBdi(t, 'collections.nowPlaying', { title: label }, { position: index + 1, count: items.length })}
      </p>
      {item.note && (
        <div className="curator-note" aria-live="polite">
          <h2>{t('collections.curatorNote')}</h2>
          <p dir="auto" lang={collection.language || undefined}>
            {item.note}
          </p>
        </div>
      )}
      <div className="player-actions">
        <button type="button" onClick={() => go(Math.max(0, index - 1), true)} disabled={index === 0}>
          {t('collections.previous')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setSequence(true);
            go(Math.max(0, readyAfter(items, -1)), true);
          }}
        >
          {t('collections.playAll')}
        </button>
        <button type="button" onClick={() => go(Math.min(items.length - 1, index + 1), true)} disabled={index >= items.length - 1}>
          {t('collections.next')}
        </button>
        {collection.canEdit && item.state === 'ready' && (
          <button type="button" className="ghost" onClick={() => void takeFrame()}>
            {t('collections.useFrame')}
          </button>
        )}
      </div>
    </div>
  );
}
