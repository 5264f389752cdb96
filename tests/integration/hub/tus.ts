import { createHash } from 'node:crypto';
import { Upload, type DetailedError, type HttpStack, type PreviousUpload, type UrlStorage } from 'tus-js-client';
import { TUS_PATH, type UploadMetadata } from '../../../common/hub-api';
import type { HubAddress, TestUser } from './helpers';

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Keeps upload URLs in memory, standing in for the studio's persisted URL storage across a restart. */
export class MemoryUrlStorage implements UrlStorage {
  private readonly uploads = new Map<string, PreviousUpload & { fingerprint: string }>();
  private next = 0;

  async findAllUploads(): Promise<PreviousUpload[]> {
    return [...this.uploads.values()];
  }
  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return [...this.uploads.values()].filter((u) => u.fingerprint === fingerprint);
  }
  async removeUpload(key: string): Promise<void> {
    this.uploads.delete(key);
  }
  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const key = `upload-${(this.next += 1)}`;
    this.uploads.set(key, { ...upload, urlStorageKey: key, fingerprint });
    return key;
  }
}

export interface UploadOutcome {
  ok: boolean;
  status?: number;
  body?: string;
}

/** Uploads `file` with tus-js-client as the studio will, and reports how it ended. */
export function uploadWithTus(
  hub: HubAddress,
  user: TestUser,
  file: Buffer | NodeJS.ReadableStream,
  metadata: UploadMetadata,
  options: {
    chunkSize?: number;
    urlStorage?: UrlStorage;
    httpStack?: HttpStack;
    resume?: boolean;
    onProgress?: (sent: number) => void;
    /** Sends the first chunk in the request that creates the upload (tus creation-with-upload). */
    uploadDataDuringCreation?: boolean;
  } = {},
): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const upload = new Upload(file as Buffer, {
      endpoint: `${hub.url}${TUS_PATH}`,
      chunkSize: options.chunkSize ?? 5 * 1024 * 1024,
      metadata,
      headers: { authorization: `Bearer ${user.token}` },
      retryDelays: [],
      uploadDataDuringCreation: options.uploadDataDuringCreation ?? false,
      ...(options.urlStorage && { urlStorage: options.urlStorage, storeFingerprintForResuming: true, removeFingerprintOnSuccess: true }),
      ...(options.httpStack && { httpStack: options.httpStack }),
      ...(options.onProgress && { onProgress: options.onProgress }),
      onSuccess: () => resolve({ ok: true }),
      onError: (err) => {
        const response = (err as DetailedError).originalResponse;
        resolve({ ok: false, status: response?.getStatus(), body: response?.getBody() });
      },
    });
    if (!options.resume) {
      upload.start();
      return;
    }
    void upload.findPreviousUploads().then((previous) => {
      if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  });
}
