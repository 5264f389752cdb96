import type { CoreContext } from '../app/context';
import type { CallsOf } from '../app/calls';
import { reflectionOf, saveReflection } from './reflection';

export function reflectionCalls(ctx: CoreContext): CallsOf<'reflection'> {
  return {
    'reflection.get': async ({ lessonId }) => reflectionOf(ctx, lessonId),
    'reflection.save': async (args) => saveReflection(ctx, args),
  };
}
