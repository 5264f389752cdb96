import { useCallback, useEffect, useState } from 'react';
import type { Achievement } from '../../../common/credentials/calls';
import type { CallOutput } from '../../../common/contract';
import { onStudioEvent } from '../lib/shell';
import { credentialActions } from './actions';

type CredentialList = CallOutput<'credentials.list'>;

/**
 * A community's achievements and credentials as this studio holds them (synced records), reloaded
 * whenever they change here or a sync brings changes.
 */
export function useRecognition(communityId: string, onError: (err: unknown) => void) {
  const [achievements, setAchievements] = useState<Achievement[]>([]);
  const [list, setList] = useState<CredentialList>({ credentials: [], pending: [] });
  const reload = useCallback(() => {
    credentialActions.achievements({ communityId }).then(setAchievements, onError);
    credentialActions.list({ communityId }).then(setList, onError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [communityId]);
  useEffect(() => {
    reload();
    return onStudioEvent('credentials.changed', (e) => {
      if (e.communityId === communityId) reload();
    });
  }, [communityId, reload]);
  return { achievements, ...list, reload };
}

/** The achievement's text in the UI language when it has one, else in its first language. */
export function textOf(achievement: Pick<Achievement, 'texts'>, language: string) {
  return achievement.texts[language] ?? Object.values(achievement.texts)[0] ?? { name: '', description: '', criteria: '' };
}
