import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StudioError } from '../../common/errors';
import { runTool } from './runner';

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

type ToolName = keyof MediaTools;

const envVar: Record<ToolName, string> = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' };

/**
 * Finds ffmpeg and ffprobe, each on its own: the environment variable, then the packaged binaries
 * (ffmpeg-static / ffprobe-static), then the system PATH.
 *
 * A variable that names no executable is an error, not a reason to fall through: whoever set it
 * expects that binary to be used, and silently running another one would hide the mistake.
 */
export function locateMediaTools(env: NodeJS.ProcessEnv = process.env): MediaTools {
  return { ffmpeg: locate('ffmpeg', env), ffprobe: locate('ffprobe', env) };
}

function locate(tool: ToolName, env: NodeJS.ProcessEnv): string {
  const override = env[envVar[tool]];
  if (override) {
    if (isExecutable(override)) return override;
    throw new StudioError('ffmpeg_missing', { tool, path: override, source: envVar[tool] });
  }
  const found = packagedPath(tool) ?? onPath(tool, env);
  if (!found) throw new StudioError('ffmpeg_missing', { tool });
  return found;
}

/** The binary shipped in node_modules, if the optional package installed for this platform. */
function packagedPath(tool: ToolName): string | null {
  let exported: unknown;
  try {
    exported = createRequire(import.meta.url)(tool === 'ffmpeg' ? 'ffmpeg-static' : 'ffprobe-static');
  } catch {
    return null;
  }
  // ffmpeg-static exports the path itself, ffprobe-static an object with `path`.
  const raw = typeof exported === 'string' ? exported : (exported as { path?: unknown } | null)?.path;
  if (typeof raw !== 'string') return null;
  const unpacked = asarUnpackedPath(raw);
  return isExecutable(unpacked) ? unpacked : null;
}

/** Binaries cannot run from inside an asar archive; electron-builder unpacks them beside it. */
export function asarUnpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

function onPath(tool: ToolName, env: NodeJS.ProcessEnv): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const names = process.platform === 'win32' ? [`${tool}.exe`] : [tool];
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first line of each tool's `-version`, for the About box and diagnostics. */
export async function mediaToolVersions(tools: MediaTools): Promise<MediaTools> {
  const first = async (bin: string) => {
    const { stdout } = await runTool(bin, ['-hide_banner', '-version'], { timeoutMs: 10_000 });
    return stdout.split(/\r?\n/, 1)[0]?.trim() ?? '';
  };
  const [ffmpeg, ffprobe] = await Promise.all([first(tools.ffmpeg), first(tools.ffprobe)]);
  return { ffmpeg, ffprobe };
}
