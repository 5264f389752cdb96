/** Why the player stopped, in the terms a teacher can act on; each has a reason and a next step in the catalog. */
export type MediaProblem = 'decode' | 'unsupported' | 'network';

/**
 * Chromium reports a file whose start it cannot read (damaged, or a format it lacks) as "not
 * supported", and a file that breaks partway (a copy cut short) as a decode error. A person's own
 * pause or navigation aborts a load: that is no problem.
 */
export function mediaProblem(error: MediaError | null): MediaProblem | null {
  switch (error?.code) {
    case MediaError.MEDIA_ERR_NETWORK:
      return 'network';
    case MediaError.MEDIA_ERR_DECODE:
      return 'decode';
    case MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED:
      return 'unsupported';
    default:
      return null;
  }
}
