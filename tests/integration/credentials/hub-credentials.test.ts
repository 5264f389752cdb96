import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyOpenBadge } from '../../../common/credentials/verify';
import { hubEndpoints, hubPath } from '../../../common/hub-api';
import { issuerFor, rotateIssuer } from '../../../hub/credentials/issuer-keys';
import { openDatabase } from '../../../hub/db/open';
import { tempDir } from '../../support/web-shell';
import { addMember, call, createCommunity, op, pushOk, signUp, startHub, type RunningHub, type TestUser } from '../hub/helpers';
import { awardAndPull, defineAchievement, fetchStatusList } from './fixtures';

let hub: RunningHub;
let lead: TestUser;
let teacher: TestUser;
let mentor: TestUser;
let communityId: string;
let achievementId: string;

beforeAll(async () => {
  hub = await startHub();
  lead = await signUp(hub, 'Lead');
  teacher = await signUp(hub, 'Amal Haddad');
  mentor = await signUp(hub, 'Mentor');
  communityId = (await createCommunity(hub, lead, 'Maths circle')).id;
  await addMember(hub, lead, communityId, teacher, 'member');
  await addMember(hub, lead, communityId, mentor, 'mentor');
  achievementId = await defineAchievement(hub, lead, communityId);
});
afterAll(async () => {
  await hub.stop();
});

/** A lead awards through sync; the signed document as the teacher pulls it (tests/integration/hub/recognition.test.ts covers who may). */
const award = async (input: { note?: string; language?: string; evidence?: [] | { id: string; kind: 'lesson'; name: string }[] } = {}) =>
  (await awardAndPull(hub, lead, teacher, communityId, { achievementId, ...input })).document;

describe('credentials on the hub', () => {
  it('signs an Open Badges 3.0 credential that verifies offline, then reports its revocation', async () => {
    const credential = await award({ note: 'For steady practice' });
    expect((credential.proof as { cryptosuite: string }).cryptosuite).toBe('eddsa-rdfc-2022');

    const realFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error('network cut'));
    try {
      const offline = await verifyOpenBadge(credential);
      expect(offline).toMatchObject({ signature: 'valid', problem: null, revocation: 'unchecked', recipient: 'Amal Haddad' });
      expect(offline.issuer.name).toBe('Maths circle');
    } finally {
      globalThis.fetch = realFetch;
    }
    expect((await verifyOpenBadge(credential, await fetchStatusList(credential))).revocation).toBe('active');

    const id = (credential.id as string).replace('urn:uuid:', '');
    await pushOk(hub, lead, [op(lead, communityId, 'award', id, 'upsert', { revokedAt: hub.clock.now() })]);
    const after = await verifyOpenBadge(credential, await fetchStatusList(credential));
    expect(after).toMatchObject({ signature: 'valid', revocation: 'revoked' });
  });

  it('says the proof does not hold when one byte of the credential changes', async () => {
    const text = JSON.stringify(await award());
    const altered = JSON.parse(text.replace('Reflective practitioner', 'Reflective practitionex')) as unknown;
    expect(await verifyOpenBadge(altered)).toMatchObject({ signature: 'invalid', problem: 'signature_invalid' });
  });

  it('calls an issuer it cannot resolve offline unknown, and refuses what is not a credential', async () => {
    const credential = structuredClone(await award()) as { issuer: { id: string }; proof: { verificationMethod: string } };
    credential.issuer.id = 'did:web:badges.example';
    credential.proof.verificationMethod = 'did:web:badges.example#key-1';
    expect(await verifyOpenBadge(credential)).toMatchObject({ signature: 'invalid', problem: 'issuer_unknown' });
    await expect(verifyOpenBadge({ hello: 'world' })).rejects.toMatchObject({ code: 'credential_invalid' });
  });

  it('keeps one issuer key per community, made once even when asked at once', async () => {
    const path = hubPath(hubEndpoints.credentialIssuer.path, { communityId });
    const answers = await Promise.all([lead, teacher, mentor].map((u) => call(hub.url, 'GET', path, { token: u.token })));
    expect(new Set(answers.map((a) => a.body.did as string)).size).toBe(1);
    expect(answers[0]!.body.did).toMatch(/^did:key:z6Mk/);
  });

  it('issues credentials that the published Open Badges 3.0 JSON schema accepts, in English and Arabic', async () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../fixtures/credentials/ob_v3p0_achievementcredential_schema.json', import.meta.url), 'utf8'),
    ) as object;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    for (const input of [{}, { language: 'ar', evidence: [{ id: teacher.user.id, kind: 'lesson' as const, name: 'Fractions' }] }]) {
      expect(validate(await award(input)), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ type: ['VerifiableCredential'] })).toBe(false);
  });
});

describe('issuer key rotation', () => {
  it('retires the key in use and makes a new one that the community signs with from then on', async () => {
    const dir = await tempDir('hub-rotate');
    const { db } = await openDatabase({ dataDir: dir });
    try {
      await db
        .insertInto('communities')
        .values({ id: communityId, name: 'C', description: '', languages: '[]', created_by: 'u1', created_at: 1, updated_at: 1 })
        .execute();
      const first = await issuerFor(db, communityId, 1);
      const second = await rotateIssuer(db, communityId, 2);
      expect(second.did).not.toBe(first.did);
      expect((await issuerFor(db, communityId, 3)).id).toBe(second.id);
      const rows = await db.selectFrom('credential_issuers').select(['id', 'retired_at']).orderBy('created_at').execute();
      expect(rows.map((r) => r.retired_at === null)).toEqual([false, true]);
    } finally {
      await db.destroy();
    }
  });
});
