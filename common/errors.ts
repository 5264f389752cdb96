import { z } from 'zod';

/**
 * Every failure that reaches the UI is a code plus parameters; the renderer turns the code into a
 * catalog message (`errors.<code>`), so the core never writes user-visible text.
 */
export const errorCodes = [
  'invalid_input',
  /** A talk export was asked of a lesson whose talk has not been analysed yet. */
  'talk_not_analysed',
  'not_found',
  'internal',
  'unauthorized',
  'forbidden',
  'conflict',
  'database_too_new',
  'ffmpeg_missing',
  'media_empty',
  'media_unreadable',
  'media_no_video',
  'media_timeout',
  'media_cancelled',
  'media_failed',
  'file_not_found',
  'file_is_folder',
  'folder_unreadable',
  'disk_full',
  'note_too_long',
  'range_invalid',
  'recording_not_found',
  'caption_invalid',
  'job_not_found',
  'hub_unreachable',
  /** What was typed as a hub address is not one (not an http(s) address), as opposed to one that does not answer. */
  'hub_address_invalid',
  'session_expired',
  'clock_skew',
  'payload_too_large',
  'hash_mismatch',
  'rate_limited',
  'package_invalid',
  'resync_required',
  'credentials_invalid',
  'password_too_common',
  'sign_up_not_completed',
  'invite_invalid',
  'invite_expired',
  'last_lead',
  'recording_gap',
  'recording_empty',
  'rubric_invalid',
  'rubric_in_use',
  /** The community already has a copy of this rubric; `params.id` is that copy. */
  'rubric_already_adopted',
  /** A note that belongs to a review draft travels with the review, never on its own. */
  'note_in_review_draft',
  'level_out_of_range',
  'criterion_unknown',
  'review_withdrawn',
  'review_already_submitted',
  'review_claimed',
  'review_not_assigned',
  'lesson_not_visible',
  'lesson_not_shared',
  'calibration_already_scored',
  'collection_lesson_not_shared',
  'package_unsafe_path',
  'package_link',
  'package_version',
  'package_checksum',
  'package_no_space',
  'package_bomb',
  'package_conflict',
  'folder_unwritable',
  'share_not_ready',
  'unsupported_media_type',
  /** A file, picture or text that is not an Open Badges 3.0 credential, or not one we can read. */
  'credential_invalid',
  /** A PNG with no baked credential (no `openbadgecredential` iTXt chunk), or a picture with no QR code in it. */
  'credential_not_in_image',
  /** The community has no such achievement, or the credential is unknown. */
  'credential_not_found',
  /** An achievement's image is larger than ACHIEVEMENT_IMAGE_MAX_BYTES (common/credentials/records.ts). */
  'achievement_image_too_large',
  /** An achievement's image is not a PNG, JPEG or WebP data URL (what its label says must be what it holds). */
  'achievement_image_invalid',
  /** An achievement's rule is not one the studio can check (common/credentials/rules.ts). */
  'achievement_rule_invalid',
  /** The achievement was retired: it is awarded no more. */
  'achievement_retired',
  /** The face detector could not be loaded or failed on the lesson's frames; nothing was changed. */
  'blur_detector_failed',
  /** The lesson has no video to look for faces in or to blur (a sound-only lesson). */
  'blur_no_video',
  /**
   * The lesson shows faces and consent for them is not on file: share the blurred copy, or choose
   * explicitly to share the faces unblurred.
   */
  'blur_choice_required',
  /** A region to blur that ends before it starts or lies outside the lesson. */
  'blur_region_invalid',
] as const;

export type ErrorCode = (typeof errorCodes)[number];
export type ErrorParams = Record<string, string | number>;

export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`, options);
    this.name = 'StudioError';
    this.code = code;
    this.params = params;
  }
}

/** The plain object that crosses IPC and HTTP in place of an exception. */
export const errorPayloadSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ErrorPayload = z.infer<typeof errorPayloadSchema>;

export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof StudioError) {
    return { code: err.code, message: err.message, params: err.params };
  }
  if (err instanceof z.ZodError) {
    const first = err.issues[0];
    // A schema may name the precise error code as its message (for example `note_too_long`).
    const named = errorCodes.find((c) => c === first?.message);
    return {
      code: named ?? 'invalid_input',
      message: err.message,
      params: { path: first ? first.path.join('.') : '', issue: first?.message ?? '' },
    };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err), params: {} };
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return errorPayloadSchema.safeParse(value).success;
}
