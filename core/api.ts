import type { StudioApi } from '../common/contract';
import type { CoreContext } from './app/context';
import { appCalls, type AppInfoEnv } from './app/calls';
import { blurCalls } from './blur/calls';
import { calibrationCalls } from './calibration/calls';
import { captionsCalls } from './captions/calls';
import { clipsCalls } from './clips/calls';
import { codingCalls } from './coding/calls';
import { collectionsCalls } from './collections/calls';
import { exportsCalls } from './exports/calls';
import { jobsCalls } from './jobs/calls';
import { lessonsCalls } from './library/calls';
import { notesCalls } from './notes/calls';
import { packagesCalls } from './packages/calls';
import { recordingCalls } from './recording/calls';
import type { ScreenSourceProvider } from './recording/screen-sources';
import { reflectionCalls } from './reflection/calls';
import { reviewCalls } from './review/calls';
import { rubricsCalls } from './rubrics/calls';
import { searchCalls } from './search/calls';
import { settingsCalls } from './settings/calls';
import { syncCalls } from './sync/calls';
import { credentialsCalls } from './credentials/calls';
import { talkCalls } from './talk/calls';
import type { SyncService } from './sync/service';

export interface ApiEnv extends AppInfoEnv {
  /** The community hub side (core/sync/service.ts), whose calls are in core/sync/calls.ts. */
  sync: SyncService;
  screenSources?: ScreenSourceProvider | undefined;
  /** The person changed `keepSignInWithoutKeyring`: the shell's store moves the session to or off the disk. */
  signInChoiceChanged(): Promise<void>;
}

/**
 * The contract, implemented: each domain's calls from its `calls.ts` (a call `x.y` is answered in
 * `core/x/calls.ts`, or the folder docs/architecture.md names for that prefix), merged into one object.
 */
export function createApi(ctx: CoreContext, env: ApiEnv): StudioApi {
  return {
    ...appCalls(env),
    ...settingsCalls(ctx, () => env.signInChoiceChanged()),
    ...lessonsCalls(ctx),
    ...notesCalls(ctx),
    ...codingCalls(ctx),
    ...clipsCalls(ctx),
    ...reflectionCalls(ctx),
    ...searchCalls(ctx),
    ...captionsCalls(ctx),
    ...exportsCalls(ctx),
    ...talkCalls(ctx),
    ...blurCalls(ctx),
    ...rubricsCalls(ctx),
    ...reviewCalls(ctx),
    ...calibrationCalls(ctx),
    ...collectionsCalls(ctx),
    ...packagesCalls(ctx),
    ...recordingCalls(ctx, env.screenSources),
    ...jobsCalls(ctx),
    ...syncCalls(ctx, env.sync),
    ...credentialsCalls(ctx),
  };
}
