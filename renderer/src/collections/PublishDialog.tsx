import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection } from '../../../common/schemas/collection';
import type { LocalCommunity } from '../../../common/schemas/community';
import { can } from '../../../common/permissions';
import { CommunitySelect } from '../community/CommunitySelect';
import { errorMessage } from '../lib/errors';
import { FormDialog } from '../ui/FormDialog';
import { collectionLookups, useCollectionMutations } from './mutations';

/**
 * Publishes a draft into a community the person leads. Every lesson in it must already be shared
 * there; the core says which one is not.
 */
export function PublishDialog({ collection, onClose }: { collection: Collection; onClose(): void }) {
  const { t } = useTranslation();
  const { publish: publishTo } = useCollectionMutations();
  const [communities, setCommunities] = useState<LocalCommunity[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
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
    <FormDialog
      className="collection-dialog"
      titleId="publish-title"
      title={t('collections.publishTitle', { title: collection.title })}
      onClose={onClose}
      onSubmit={() => void publish()}
      problem={problem}
      closeLabel={t('common.cancel')}
      submitLabel={t('collections.publish')}
      submitDisabled={!chosen}
    >
      {communities?.length === 0 && <p>{t('collections.noCommunityLed')}</p>}
      {communities && communities.length > 0 && (
        <>
          <label>
            <span>{t('collections.community')}</span>
            <CommunitySelect communities={communities} value={chosen} onChange={setChosen} />
          </label>
          <p className="muted small-text">{t('collections.publishHelp')}</p>
        </>
      )}
    </FormDialog>
  );
}
