import type { Role } from '../../common/permissions';

/** Table types for Kysely. Times are epoch milliseconds; lists and JSON values are stored as JSON text. */
export interface HubDatabase {
  hub_meta: { key: string; value: string };
  users: {
    id: string;
    email: string;
    display_name: string;
    password_hash: string;
    country: string | null;
    languages: string;
    timezone: string | null;
    created_at: number;
  };
  sessions: { token_hash: string; user_id: string; created_at: number; expires_at: number };
  /** Attempts counted against each rate limit in its current window (hub/auth/rate-limit.ts). */
  auth_attempts: { key: string; window_start: number; attempts: number };
  communities: {
    id: string;
    name: string;
    description: string;
    languages: string;
    created_by: string;
    created_at: number;
    updated_at: number;
  };
  members: { community_id: string; user_id: string; role: Role; joined_at: number };
  invites: {
    id: string;
    community_id: string;
    code_hash: string;
    role: Role;
    expires_at: number;
    max_uses: number | null;
    uses: number;
    created_by: string;
    created_at: number;
    revoked_at: number | null;
  };
  ops: {
    seq: number;
    op_id: string;
    community_id: string;
    entity: string;
    record_id: string;
    action: 'upsert' | 'delete';
    hlc: string;
    author_id: string;
    op: string;
    received_at: number;
    /** The hash of the session that pushed it; null when the hub made it. */
    pushed_by: string | null;
  };
  /** One per record: who owns it, where it hangs, its tombstone, and its current fields with their stamps. */
  records: {
    community_id: string;
    entity: string;
    record_id: string;
    owner_id: string;
    parent_id: string | null;
    created_hlc: string;
    deleted_hlc: string | null;
    expires_at: number | null;
    /** JSON object: field → current value. */
    fields: string;
    /** JSON object: field → the HLC that set it. */
    field_hlcs: string;
  };
  /** The value (JSON text) of each reference field (media blobs, rubrics) of live records, to find who refers to what. */
  record_refs: { community_id: string; entity: string; record_id: string; field: string; value: string };
  blobs: {
    sha256: string;
    community_id: string;
    size: number;
    content_type: string;
    uploader_id: string;
    verified_at: number;
  };
  /** A community's Ed25519 issuer key (issue #19); at most one with `retired_at` null per community. */
  credential_issuers: {
    id: string;
    community_id: string;
    did: string;
    public_key_multibase: string;
    secret_key_multibase: string;
    next_status_index: number;
    created_at: number;
    retired_at: number | null;
  };
  /** The running sha256 of a tus upload into S3, saved after each write (hub/media/upload-hashes.ts). */
  upload_hashes: {
    upload_id: string;
    hashed_bytes: number;
    /** hash-wasm's saved SHA-256 state, base64; null before the first byte. */
    state: string | null;
    /** The write that holds the row while it runs; null between writes. */
    writer: string | null;
    /** 1 once a write could not extend the hash: the upload is then read back to verify it. */
    broken: number;
    updated_at: number;
  };
  /** Every credential the hub signed, as issued (JSON text), and its place in its key's revocation list. */
  issued_credentials: {
    id: string;
    community_id: string;
    issuer_id: string;
    holder_id: string;
    achievement_id: string;
    status_index: number;
    credential: string;
    issued_by: string;
    issued_at: number;
    revoked_at: number | null;
  };
}
