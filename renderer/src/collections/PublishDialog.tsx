import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection } from '../../../common/schemas/collection';
import type { LocalCommunity } from '../../../common/schemas/community';
import { can } from '../../../common/permissions';
import { errorMessage } from '../lib/errors';
import { collectionLookups, useCollectionMutations } from './mutations';

/**
 * Publishes a draft into a community the person leads. Every lesson in it must already be shared
 * there; the core says which one is not.
 */
export function PublishDialog({ collection, onClose }: { collection: Collection; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const { publish: publishTo } = useCollectionMutations();
  const [communities, setCommunities] = useState<LocalCommunity[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);
  useEffect(() => {
    collectionLookups
      .communities()
      .then((list) => {
        const led = list.filter((c) => can(c.myRole, 'collection.edit'));
        setCommunities(led);
        setChosen(led[0]?.id ?? '');
      })
      .catch((err: unknown) => setProblem(errorMessage(t, err)));
  }, [t]);

  const publish = async () => {
    try {
      await publishTo(collection.id, chosen);
      onClose();
    } catch (err) {
      setProblem(errorMessage(t, err));
    }
  };

  return (
    <dialog ref={dialog} className="collection-dialog" aria-labelledby="publish-title" onClose={onClose}>
      <form
        className="details-form"
        onSubmit={(e) => {
          e.preventDefault();
          void publish();
        }}
      >
        <h2 id="publish-title">{t('collections.publishTitle', { title: collection.title })}</h2>
        {communities?.length === 0 && <p>{t('collections.noCommunityLed')}</p>}
        {communities && communities.length > 0 && (
          <>
            <label>
              <span>{t('collections.community')}</span>
              <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
                {communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <p className="muted small-text">{t('collections.publishHelp')}</p>
          </>
        )}
        {problem && (
          <p className="error-text" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!chosen}>
            {t('collections.publish')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
