import { parseOpenBadge } from '../../common/credentials/describe';
import { statusListUrl, verifyOpenBadge, type FetchedStatusList } from '../../common/credentials/verify';
import type { VerificationReport } from '../../common/credentials/schema';
import { StudioError } from '../../common/errors';
import { isPng, unbakeCredential } from './png-baking';
import { credentialFromQrPicture } from './qr';

const STATUS_TIMEOUT_MS = 5_000;

/** The credential's JSON text in a dropped file: the file itself, a baked badge, or a QR code in a picture. */
export function credentialText(bytes: Buffer): string {
  if (isPng(bytes)) {
    const text = unbakeCredential(bytes) ?? credentialFromQrPicture(bytes);
    if (text === null) throw new StudioError('credential_not_in_image');
    return text;
  }
  return bytes.toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StudioError('credential_invalid', { issue: 'not JSON' });
  }
}

/**
 * The issuer's status list, fetched from where the credential says it is; null when it cannot be had
 * (offline, the hub down, not an http(s) address): the report then says revocation was not checked.
 */
async function fetchStatusList(url: string | null): Promise<FetchedStatusList> {
  if (!url || !/^https?:\/\//.test(url)) return null;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(STATUS_TIMEOUT_MS), redirect: 'error' });
    if (!res.ok) return null;
    return { url, credential: (await res.json()) as unknown };
  } catch {
    return null;
  }
}

/** Verifies a dropped file: who issued it, to whom, for what, when, whether its proof holds, whether it was revoked. */
export async function verifyCredentialFile(bytes: Buffer): Promise<VerificationReport> {
  const json = parseJson(credentialText(bytes));
  const credential = parseOpenBadge(json);
  return verifyOpenBadge(json, await fetchStatusList(statusListUrl(credential)));
}
