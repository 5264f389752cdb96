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
