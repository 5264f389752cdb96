import { StudioError } from '../../common/errors';
import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { createRecordings } from './recordings';
import type { ScreenSourceProvider } from './screen-sources';

/** The `recording.*` calls and `capture.*` (the screen or window to record, from the desktop shell; none in the browser). */
export function recordingCalls(ctx: CoreContext, screenSources: ScreenSourceProvider | undefined): CallsOf<'recording' | 'capture'> {
  const recordings = createRecordings(ctx);
  return {
    'recording.start': async (args) => recordings.start(args),
    'recording.chunk': async ({ id, seq, data }) => recordings.chunk(id, seq, data),
    'recording.pause': async ({ id }) => {
      await recordings.pause(id);
      return ok;
    },
    'recording.resume': async ({ id }) => {
      await recordings.resume(id);
      return ok;
    },
    'recording.stop': async ({ id, durationMs, title }) => recordings.stop(id, durationMs, title),
    'recording.discard': async ({ id }) => {
      await recordings.discard(id);
      return ok;
    },
    'recording.listUnfinished': async () => recordings.listUnfinished(),
    'recording.recover': async ({ id, title }) => recordings.recover(id, title),
    'recording.discardUnfinished': async ({ id }) => {
      await recordings.discardUnfinished(id);
      return ok;
    },
    'capture.sources': async () => (screenSources ? screenSources.list() : []),
    'capture.choose': async ({ id }) => {
      if (!screenSources) throw new StudioError('not_found', { entity: 'screen source', id });
      screenSources.choose(id);
      return ok;
    },
  };
}
