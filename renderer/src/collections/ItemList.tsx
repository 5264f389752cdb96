import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection, CollectionItem } from '../../../common/schemas/collection';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { itemLabel } from './item-label';
import { useCollections } from './store';
import { mediaUrl } from '../lib/shell';
import { useCollectionMutations } from './mutations';

/**
 * The items in play order. Curators reorder them by dragging, or from the keyboard: on an item's
 * handle, the arrow keys move it up and down and Home/End to either end; the new place is announced.
 */
export function ItemList({ collection, current, onPlay }: { collection: Collection; current: number; onPlay(index: number): void }) {
  const { t, i18n } = useTranslation();
  const move = useCollections((s) => s.move);
  const toast = useToasts((s) => s.show);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const { items } = collection;

  const moveTo = async (item: CollectionItem, index: number) => {
    const target = Math.max(0, Math.min(items.length - 1, index));
    if (items[target]?.id === item.id) return;
    try {
      await move(item.id, target);
      setAnnouncement(t('collections.movedTo', { title: itemLabel(t, item, i18n.language), position: target + 1, count: items.length }));
      // The list re-renders in the new order; the handle keeps focus so the next key press moves it again.
      requestAnimationFrame(() => handles.current.get(item.id)?.focus());
    } catch (err) {
      toast('error', errorMessage(t, err));
    }
  };

  const onHandleKey = (e: KeyboardEvent, item: CollectionItem, index: number) => {
    const to = { ArrowUp: index - 1, ArrowDown: index + 1, Home: 0, End: items.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    void moveTo(item, to);
  };

  if (items.length === 0) return <p className="muted">{collection.canEdit ? t('collections.noItemsCurator') : t('collections.noItems')}</p>;

  return (
    <>
      {collection.canEdit && (
        <p id="reorder-help" className="muted small-text">
          {t('collections.reorderHelp')}
        </p>
      )}
      <ol className="collection-items" aria-label={t('collections.items')}>
        {items.map((item, index) => (
          <li
            key={item.id}
            className={`collection-item item-${item.state}${dragging === item.id ? ' dragging' : ''}${dropAt === index && dragging !== item.id ? ' drop-target' : ''}`}
            aria-current={index === current ? 'true' : undefined}
            draggable={collection.canEdit}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', item.id);
              setDragging(item.id);
            }}
            onDragOver={(e) => {
              if (!dragging) return;
              e.preventDefault();
              setDropAt(index);
            }}
            onDrop={(e) => {
              e.preventDefault();
              const moved = items.find((i) => i.id === dragging);
              setDragging(null);
              setDropAt(null);
              if (moved) void moveTo(moved, index);
            }}
            onDragEnd={() => {
              setDragging(null);
              setDropAt(null);
            }}
          >
            {collection.canEdit && (
              <button
                type="button"
                className="drag-handle"
                ref={(el) => {
                  if (el) handles.current.set(item.id, el);
                  else handles.current.delete(item.id);
                }}
                aria-label={t('collections.reorder', {
                  title: itemLabel(t, item, i18n.language),
                  position: index + 1,
                  count: items.length,
                })}
                aria-describedby="reorder-help"
                onKeyDown={(e) => onHandleKey(e, item, index)}
              >
                <span aria-hidden="true">⠿</span>
              </button>
            )}
            <ItemBody item={item} index={index} canEdit={collection.canEdit} onPlay={onPlay} />
          </li>
        ))}
      </ol>
      <p className="sr-only" aria-live="assertive">
        {announcement}
      </p>
    </>
  );
}

function ItemBody({
  item,
  index,
  canEdit,
  onPlay,
}: {
  item: CollectionItem;
  index: number;
  canEdit: boolean;
  onPlay(index: number): void;
}) {
  const { t, i18n } = useTranslation();
  const { updateItem, removeItem } = useCollectionMutations();
  const toast = useToasts((s) => s.show);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(item.note);
  const label = itemLabel(t, item, i18n.language);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));

  return (
    <div className="item-body">
      <div className="item-poster" aria-hidden="true">
        {item.posterAssetId && <img src={mediaUrl(item.posterAssetId)} alt="" loading="lazy" />}
      </div>
      <div className="item-main">
        {item.state === 'ready' ? (
          <button
            type="button"
            className="item-play"
            onClick={() => onPlay(index)}
            aria-label={t('collections.playItem', { title: label })}
          >
            <span dir="auto">{label}</span>
          </button>
        ) : (
          <span className="item-title" dir="auto">
            {label}
          </span>
        )}
        {item.state !== 'ready' && <span className={`status status-${item.state}`}>{t(`collections.state.${item.state}`)}</span>}
        {editing ? (
          <form
            className="item-note-form"
            onSubmit={(e) => {
              e.preventDefault();
              updateItem({ id: item.id, note })
                .then(() => setEditing(false))
                .catch(fail);
            }}
          >
            <textarea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={3}
              maxLength={10_000}
              dir="auto"
              aria-label={t('collections.noteOf', { title: label })}
              autoFocus
            />
            <div className="note-actions">
              <button type="button" className="small ghost" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="small primary">
                {t('collections.saveNote')}
              </button>
            </div>
          </form>
        ) : (
          item.note && (
            <p className="item-note" dir="auto">
              {item.note}
            </p>
          )
        )}
        {canEdit && !editing && (
          <div className="note-actions">
            <button
              type="button"
              className="small ghost"
              onClick={() => {
                setNote(item.note);
                setEditing(true);
              }}
              aria-label={t('collections.editNoteOf', { title: label })}
            >
              {item.note ? t('collections.editNote') : t('collections.addNote')}
            </button>
            <button
              type="button"
              className="small ghost danger"
              onClick={() => removeItem(item.id).catch(fail)}
              aria-label={t('collections.removeOf', { title: label })}
            >
              {t('collections.remove')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
