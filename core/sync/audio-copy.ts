import { aacArgs, mp4Output } from '../media/encode';
import { runFfmpeg } from '../media/runner';
import type { MediaTools } from '../media/tools';

/** The sound of a lesson alone, for a share where learners' faces must not travel (an AAC .m4a). */
export async function makeAudioCopy(tools: MediaTools, input: string, output: string, durationMs: number): Promise<void> {
  await runFfmpeg(tools, ['-y', '-i', input, '-map', '0:a:0', '-vn', ...aacArgs(96, 2), ...mp4Output, output], { durationMs });
}
