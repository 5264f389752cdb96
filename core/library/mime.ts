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

/**
 * How the library's copy of an import is named and served, from what the probe found inside it: a
 * file's name may have no extension, or a misleading one. A container no browser plays is watched
 * through its playable copy, so its original is kept as plain bytes.
 */
export function libraryCopyType(container: string): { ext: string; mime: string } {
  const ext = extensionOfContainer[container];
  return ext ? { ext, mime: mimeForExtension(ext) } : { ext: 'bin', mime: 'application/octet-stream' };
}
