import type { CoreContext } from '../app/context';
import type { CallsOf } from '../app/calls';
import { exportNotes } from './notes-export';

export function exportsCalls(ctx: CoreContext): CallsOf<'exports'> {
  return {
    'exports.notes': async (args) => exportNotes(ctx, args),
  };
}
