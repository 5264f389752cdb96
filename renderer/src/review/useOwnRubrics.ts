import { useEffect, useState } from 'react';
import type { Rubric } from '../../../common/schemas/review';
import { rubricActions } from './actions';

/**
 * The community's own rubrics (not the built-in ones) and the one chosen, the first of them until
 * the person picks another. A list that fails to load leaves the choice empty.
 */
export function useOwnRubrics(communityId: string) {
  const [rubrics, setRubrics] = useState<Rubric[]>([]);
  const [rubricId, setRubricId] = useState('');
  useEffect(() => {
    rubricActions.list({ communityId }).then(
      (all) => {
        const own = all.filter((r) => !r.builtIn);
        setRubrics(own);
        setRubricId((current) => current || own[0]?.id || '');
      },
      () => undefined,
    );
  }, [communityId]);
  return { rubrics, rubricId, setRubricId };
}
