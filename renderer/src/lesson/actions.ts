import type { CallInput } from '../../../common/contract';
import { call } from '../bridge/studio';

/** Coding schemes. */
export const codingActions = {
  list: (input: CallInput<'coding.list'>) => call('coding.list', input),
};

/** Notes as CSV or WebVTT. */
export const exportActions = {
  notes: (input: CallInput<'exports.notes'>) => call('exports.notes', input),
};

/** A lesson's notes. */
export const noteActions = {
  list: (input: CallInput<'notes.list'>) => call('notes.list', input),
};

/** A lesson's reflection. */
export const reflectionActions = {
  get: (input: CallInput<'reflection.get'>) => call('reflection.get', input),
  save: (input: CallInput<'reflection.save'>) => call('reflection.save', input),
};
