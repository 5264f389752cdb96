import type { CallInput } from '../../../common/contract';
import { call } from '../bridge/studio';

/** Lessons in the library. */
export const lessonActions = {
  delete: (input: CallInput<'lessons.delete'>) => call('lessons.delete', input),
  get: (input: CallInput<'lessons.get'>) => call('lessons.get', input),
  list: (input: CallInput<'lessons.list'>) => call('lessons.list', input),
};

/** Search over titles, descriptions, notes, replies and reflections. */
export const searchActions = {
  query: (input: CallInput<'search.query'>) => call('search.query', input),
};
