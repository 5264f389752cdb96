import type { CoreContext } from '../app/context';
import type { CallsOf } from '../app/calls';
import { searchAll } from './search';

export function searchCalls(ctx: CoreContext): CallsOf<'search'> {
  return {
    'search.query': async (args) => searchAll(ctx.db, args),
  };
}
