import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '@tus/server';
import { AdvisoryUploadLocker } from '../../../hub/media/advisory-upload-locker';
import { HUB_DIALECT, scratchHubDatabase, type ScratchHubDatabase } from '../../support/hub-database';

const noRelease = () => undefined;

/** tus's lock on an upload, as two hub processes on one PostgreSQL database hold it. */
describe.runIf(HUB_DIALECT === 'postgres')('the upload lock across hub processes', () => {
  let scratch: ScratchHubDatabase;
  let processA: AdvisoryUploadLocker;
  let processB: AdvisoryUploadLocker;

  beforeAll(async () => {
    scratch = await scratchHubDatabase();
    processA = new AdvisoryUploadLocker(scratch.url);
    processB = new AdvisoryUploadLocker(scratch.url);
  });
  afterAll(async () => {
    await processA?.close();
    await processB?.close();
    await scratch?.drop();
  });

  it('makes a request on one process wait until the other lets go of the same upload, and not of another', async () => {
    const held = processA.newLock('upload-1');
    await held.lock(new AbortController().signal, noRelease);

    // One try, as a request already cancelled makes: the upload is taken.
    await expect(processB.newLock('upload-1').lock(AbortSignal.abort(), noRelease)).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    const other = processB.newLock('upload-2');
    await other.lock(new AbortController().signal, noRelease);
    await other.unlock();

    const waiting = processB.newLock('upload-1');
    const acquired = waiting.lock(new AbortController().signal, noRelease);
    await held.unlock();
    await acquired;
    // Now A is the one kept out.
    await expect(processA.newLock('upload-1').lock(AbortSignal.abort(), noRelease)).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    await waiting.unlock();
  });

  it('gives up with tus’s lock timeout when the request waiting is cancelled', async () => {
    const held = processA.newLock('upload-3');
    await held.lock(new AbortController().signal, noRelease);
    const cancel = new AbortController();
    const waiting = processB.newLock('upload-3').lock(cancel.signal, noRelease);
    cancel.abort();
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    await held.unlock();
    // Nothing was left held: the upload can be locked again at once.
    const again = processB.newLock('upload-3');
    await again.lock(new AbortController().signal, noRelease);
    await again.unlock();
  });
});
