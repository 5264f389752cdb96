import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { startHub, type RunningHub } from '../hub/helpers';
import { communityOf, consent, importLesson, signUp, startDevice, syncAll, type Device } from '../sync/devices';
import { toErrorPayload } from '../../../common/errors';
import { arabic, english } from './fixtures';

/**
 * Recognition across studios and a hub, through the contract as the UI calls it: the lead defines an
 * achievement, which reaches the teacher through sync; the teacher completes a practice cycle, the
 * lead's studio finds it under the rule and awards (an op, pushed by sync); the hub signs it and the
 * credential reaches the teacher's studio through sync; the teacher exports it as JSON, a baked PNG
 * and a QR picture; a third studio that never signed in verifies each.
 */

let hub: RunningHub;
let lead: Device;
let teacher: Device;
let verifier: Device;
let communityId: string;
let teacherId: string;

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  hub = await startHub();
  [lead, teacher, verifier] = await Promise.all([startDevice(), startDevice(), startDevice()]);
  await signUp(lead, hub.url, 'Layla');
  teacherId = (await signUp(teacher, hub.url, 'أمينة')).account!.userId;
  communityId = (await communityOf(lead, [[teacher, 'member']])).id;
});
afterAll(async () => {
  await Promise.all([lead?.dispose(), teacher?.dispose(), verifier?.dispose()]);
  await hub?.stop();
});

async function practiceCycle(): Promise<void> {
  const video = await makeTestVideo(await makeMediaDir(), { name: 'Wait time.mp4', seconds: 2, width: 160, height: 120 });
  const lesson = await importLesson(teacher, video);
  await teacher.call('sharing.share', { lessonId: lesson.id, communityId, consent, licence: 'cc_by', mediaKind: 'proxy' });
  const request = await teacher.call('reviews.request', {
    lessonId: lesson.id,
    focus: 'Wait time',
    rubricId: null,
    dueAt: null,
    dueZone: null,
  });
  await teacher.until(async () => (await teacher.call('sync.status')).pendingChanges === 0);
  await syncAll(lead);
  const draft = await lead.call('reviews.claim', { id: request.id });
  await lead.call('reviews.saveDraft', { id: draft.id, strengths: 'Calm opening.', nextSteps: 'Wait longer.' });
  const review = await lead.call('reviews.submit', { id: draft.id });
  await lead.until(async () => (await lead.call('sync.status')).pendingChanges === 0);
  await syncAll(teacher);
  await teacher.call('reviews.savePlan', {
    reviewId: review.id,
    goals: [{ text: 'Wait five seconds', criterion: null, met: true }],
    nextLessonId: null,
  });
  await teacher.until(async () => (await teacher.call('sync.status')).pendingChanges === 0);
  await syncAll(lead);
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: unknown) => toErrorPayload(err).code,
  );

describe('credentials across studios', () => {
  it('are achievements a lead defines and every member receives; others may not define them, nor oversized images', async () => {
    const rule = { kind: 'practice_cycles', count: 1 } as const;
    const defined = await lead.call('credentials.saveAchievement', { communityId, texts: { ar: arabic, en: english }, rule });
    expect(defined).toMatchObject({ editable: true, retiredAt: null, rule });
    expect(await codeOf(teacher.call('credentials.saveAchievement', { communityId, texts: { en: english } }))).toBe('forbidden');
    const big = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(70_000)}`;
    expect(await codeOf(lead.call('credentials.saveAchievement', { communityId, texts: { en: english }, image: big }))).toBe(
      'achievement_image_too_large',
    );
    const badRule = { kind: 'practice_cycles', count: -1 } as never;
    expect(await codeOf(lead.call('credentials.saveAchievement', { communityId, texts: { en: english }, rule: badRule }))).toBe(
      'achievement_rule_invalid',
    );
    // An achievement retired is awarded no more; retired ones are listed last, everywhere.
    const old = await lead.call('credentials.saveAchievement', { communityId, texts: { en: { ...english, name: 'Old badge' } } });
    await expect(teacher.call('credentials.retireAchievement', { id: old.id })).rejects.toMatchObject({ code: 'not_found' });
    await lead.call('credentials.retireAchievement', { id: old.id });
    expect(await codeOf(lead.call('credentials.award', { communityId, holderId: teacherId, achievementId: old.id }))).toBe(
      'achievement_retired',
    );
    await lead.until(async () => (await lead.call('sync.status')).pendingChanges === 0);
    await syncAll(teacher);
    expect(await teacher.call('credentials.achievements', { communityId })).toEqual([
      { ...defined, editable: false, texts: { ar: arabic, en: english } },
      { ...old, editable: false, retiredAt: expect.any(Number) },
    ]);
    expect(await codeOf(teacher.call('credentials.retireAchievement', { id: old.id }))).toBe('forbidden');
  });

  it('are found by rule, awarded by the lead, exported by the teacher and verified by a third studio in every format', async () => {
    await practiceCycle();
    const rule = { kind: 'practice_cycles', count: 1 } as const;
    const [eligible] = await lead.call('credentials.eligible', { communityId, rule });
    expect(eligible).toMatchObject({ userId: teacherId, count: 1 });
    expect(await lead.call('credentials.eligible', { communityId, rule: { ...rule, count: 2 } })).toEqual([]);

    const achievementId = (await lead.call('credentials.achievements', { communityId })).find((a) => a.retiredAt === null)!.id;
    await expect(teacher.call('credentials.award', { communityId, holderId: teacherId, achievementId })).rejects.toMatchObject({
      code: 'forbidden',
    });
    // The award is a record written here first: the lead's list shows it waiting for the hub's signature.
    const { id: awardId } = await lead.call('credentials.award', {
      communityId,
      holderId: teacherId,
      achievementId,
      language: 'ar',
      evidence: eligible!.evidence,
    });
    const waiting = await lead.call('credentials.list', { communityId });
    expect(waiting.pending.map((p) => p.id)).toContain(awardId);
    await lead.until(async () => (await lead.call('credentials.list', { communityId })).credentials.some((c) => c.id === awardId));

    // The teacher's studio hears of it live and may already hold it: a sync makes sure it does.
    await syncAll(teacher);
    const { credentials, pending } = await teacher.call('credentials.list', { communityId });
    expect(pending).toEqual([]);
    expect(credentials).toHaveLength(1);
    const ref = { communityId, credentialId: credentials[0]!.id };
    const json = await teacher.call('credentials.export', { ...ref, format: 'json' });
    const png = await teacher.call('credentials.export', { ...ref, format: 'png' });
    const qr = await teacher.call('credentials.qr', ref);
    expect(png.mime).toBe('image/png');

    for (const base64 of [json.base64, png.base64, qr.dataUrl.split(',')[1]!]) {
      expect(await verifier.call('credentials.verify', { fileName: 'x', base64 })).toMatchObject({
        signature: 'valid',
        revocation: 'active',
        recipient: 'أمينة',
        achievement: { name: arabic.name },
        issuer: { name: 'Maths across borders' },
      });
    }

    // One byte of the baked badge changed (inside the credential's text): the proof no longer holds.
    const baked = Buffer.from(png.base64, 'base64');
    const at = baked.indexOf(Buffer.from('ممارس'));
    const tampered = Buffer.concat([baked.subarray(0, at), Buffer.from('ن'), baked.subarray(at + 2)]);
    const { crc32 } = await import('@node-rs/crc32');
    const chunkStart = baked.lastIndexOf(Buffer.from('iTXt')) - 4;
    const length = tampered.readUInt32BE(chunkStart);
    tampered.writeUInt32BE(crc32(tampered.subarray(chunkStart + 4, chunkStart + 8 + length)) >>> 0, chunkStart + 8 + length);
    expect(await verifier.call('credentials.verify', { fileName: 'x.png', base64: b64(tampered) })).toMatchObject({
      signature: 'invalid',
      problem: 'signature_invalid',
    });

    await expect(verifier.call('credentials.verify', { fileName: 'x.json', base64: b64('{"not": "a badge"') })).rejects.toMatchObject({
      code: 'credential_invalid',
    });
    const blank = PNG.sync.write(new PNG({ width: 64, height: 64 }));
    await expect(verifier.call('credentials.verify', { fileName: 'x.png', base64: b64(blank) })).rejects.toMatchObject({
      code: 'credential_not_in_image',
    });
    await expect(
      verifier.call('credentials.verify', { fileName: 'x.png', base64: b64(Buffer.from('\x89PNG\r\n\x1a\n')) }),
    ).rejects.toMatchObject({
      code: 'credential_invalid',
    });

    await lead.call('credentials.revoke', ref);
    await lead.until(async () => (await lead.call('sync.status')).pendingChanges === 0);
    expect(await verifier.call('credentials.verify', { fileName: 'x.json', base64: json.base64 })).toMatchObject({ revocation: 'revoked' });
    await syncAll(teacher);
    expect((await teacher.call('credentials.list', { communityId })).credentials[0]!.revokedAt).toEqual(expect.any(Number));

    await hub.hub.close();
    expect(await verifier.call('credentials.verify', { fileName: 'x.json', base64: json.base64 })).toMatchObject({
      signature: 'valid',
      revocation: 'unchecked',
    });
    const offline = await teacher.call('credentials.list', { communityId });
    expect(offline).toMatchObject({ credentials: [{ id: ref.credentialId }] });
    expect((await teacher.call('credentials.export', { ...ref, format: 'json' })).base64).toBe(json.base64);
  });
});
