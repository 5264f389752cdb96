import type { CallInput } from '../../../common/contract';
import { call } from '../bridge/studio';

/** Calibration: reference scores and mentors' scores against them. */
export const calibrationActions = {
  list: (input: CallInput<'calibration.list'>) => call('calibration.list', input),
  mark: (input: CallInput<'calibration.mark'>) => call('calibration.mark', input),
  score: (input: CallInput<'calibration.score'>) => call('calibration.score', input),
};

/** Review notices: read, and shown by the system. */
export const noticeActions = {
  present: (input: CallInput<'notifications.present'>) => call('notifications.present', input),
  read: (input: CallInput<'notifications.read'>) => call('notifications.read', input),
};

/** Review requests, drafts and reviews. */
export const reviewActions = {
  actOn: (input: CallInput<'reviews.actOn'>) => call('reviews.actOn', input),
  addNote: (input: CallInput<'reviews.addNote'>) => call('reviews.addNote', input),
  amend: (input: CallInput<'reviews.amend'>) => call('reviews.amend', input),
  claim: (input: CallInput<'reviews.claim'>) => call('reviews.claim', input),
  discard: (input: CallInput<'reviews.discard'>) => call('reviews.discard', input),
  forLesson: (input: CallInput<'reviews.forLesson'>) => call('reviews.forLesson', input),
  growth: (input: CallInput<'reviews.growth'>) => call('reviews.growth', input),
  request: (input: CallInput<'reviews.request'>) => call('reviews.request', input),
  saveDraft: (input: CallInput<'reviews.saveDraft'>) => call('reviews.saveDraft', input),
  savePlan: (input: CallInput<'reviews.savePlan'>) => call('reviews.savePlan', input),
  stats: (input: CallInput<'reviews.stats'>) => call('reviews.stats', input),
  submit: (input: CallInput<'reviews.submit'>) => call('reviews.submit', input),
  withdraw: (input: CallInput<'reviews.withdraw'>) => call('reviews.withdraw', input),
};

/** Rubrics: list, edit, share between communities, files. */
export const rubricActions = {
  adopt: (input: CallInput<'rubrics.adopt'>) => call('rubrics.adopt', input),
  delete: (input: CallInput<'rubrics.delete'>) => call('rubrics.delete', input),
  export: (input: CallInput<'rubrics.export'>) => call('rubrics.export', input),
  get: (input: CallInput<'rubrics.get'>) => call('rubrics.get', input),
  import: (input: CallInput<'rubrics.import'>) => call('rubrics.import', input),
  list: (input: CallInput<'rubrics.list'>) => call('rubrics.list', input),
  save: (input: CallInput<'rubrics.save'>) => call('rubrics.save', input),
};
