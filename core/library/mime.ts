const byExtension: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  wmv: 'video/x-ms-wmv',
  mpg: 'video/mpeg',
  mpeg: 'video/mpeg',
  ts: 'video/mp2t',
  ogv: 'video/ogg',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  oga: 'audio/ogg',
  flac: 'audio/flac',
  mka: 'audio/x-matroska',
  jpg: 'image/jpeg',
  json: 'application/json',
  vtt: 'text/vtt',
};

export function mimeForExtension(ext: string): string {
  return byExtension[ext.toLowerCase()] ?? 'application/octet-stream';
}

/** The probe's container name (see probe.ts) and the extension its copy in the library gets. */
const extensionOfContainer: Record<string, string> = {
  mp4: 'mp4',
  mov: 'mov',
  webm: 'webm',
  matroska: 'mkv',
  avi: 'avi',
  asf: 'wmv',
  mpeg: 'mpg',
  mpegts: 'ts',
  ogg: 'ogv',
};

/** The same for sound alone (an .m4a is MP4 inside, an .oga Ogg). */
const extensionOfAudioContainer: Record<string, string> = {
  mp4: 'm4a',
  mov: 'm4a',
  mp3: 'mp3',
  wav: 'wav',
  ogg: 'oga',
  flac: 'flac',
  matroska: 'mka',
};

/**
 * How the library's copy of an import is named and served, from what the probe found inside it: a
 * file's name may have no extension, or a misleading one. A container no browser plays is watched
 * through its playable copy, so its original is kept as plain bytes.
 */
export function libraryCopyType(container: string, audioOnly = false): { ext: string; mime: string } {
  const ext = audioOnly ? extensionOfAudioContainer[container] : extensionOfContainer[container];
  return ext ? { ext, mime: mimeForExtension(ext) } : { ext: 'bin', mime: 'application/octet-stream' };
}
