/**
 * The extensions people's video files carry (cameras, phones, screen recorders, old DVD rips). Only
 * these count as extensions: "Lesson at 09.30.00" is a whole name, not "Lesson at 09.30" plus ".00".
 */
export const videoExtensions = [
  'mp4',
  'm4v',
  'mov',
  'qt',
  'webm',
  'mkv',
  'avi',
  'wmv',
  'asf',
  'flv',
  'mpg',
  'mpeg',
  'vob',
  'ts',
  'mts',
  'm2ts',
  '3gp',
  '3g2',
  'ogv',
  'mxf',
  'dv',
] as const;

/** Sound-only lessons (audio recorders, phones' voice memos): imported as lessons with a waveform. */
export const audioExtensions = ['m4a', 'mp3', 'wav', 'ogg', 'oga', 'opus', 'flac', 'aac', 'wma'] as const;

const known = new Set<string>([...videoExtensions, ...audioExtensions]);

/** The name's video (or audio) extension, lower-cased, or null when what follows its last dot is not one. */
export function videoExtensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = name.slice(dot + 1).toLowerCase();
  return known.has(ext) ? ext : null;
}

/**
 * A file worth offering for import by its name alone. Names starting with a dot are hidden files,
 * among them the "._name" companions macOS leaves beside every file it copies to a stick.
 */
export function isVideoFileName(name: string): boolean {
  return !name.startsWith('.') && videoExtensionOf(name) !== null;
}
