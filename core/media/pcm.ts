/**
 * ffmpeg arguments that decode a file's first audio track to raw mono samples on stdout: for the
 * waveform's peaks (16-bit) and the talk analysis (32-bit float), each at its own rate.
 */
export function monoPcmArgs(input: string, sampleRate: number, sample: 's16le' | 'f32le'): string[] {
  return [
    '-i',
    input,
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-ac',
    '1',
    '-ar',
    String(sampleRate),
    '-c:a',
    `pcm_${sample}`,
    '-f',
    sample,
    'pipe:1',
  ];
}
