import { parseRubricJson } from '../../common/review/rubric-json';
import type { Rubric } from '../../common/schemas/review';
import microTeaching from '../../resources/rubrics/micro-teaching.json';

/**
 * The open micro-teaching rubric ships with the app (resources/rubrics/), the same on every device.
 * A community uses it by adopting a copy, which its leads may then adapt: reviews score against the
 * community's copy, which the hub can check.
 */
export const BUILT_IN_RUBRIC_ID = '01a2088b-ea40-7000-8000-6d6963726f74';

export const builtInRubric: Rubric = {
  id: BUILT_IN_RUBRIC_ID,
  communityId: null,
  communityName: null,
  builtIn: true,
  ...parseRubricJson(JSON.stringify(microTeaching)),
  revision: 1,
  editable: false,
};
