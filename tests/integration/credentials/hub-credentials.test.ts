import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyOpenBadge } from '../../../common/credentials/verify';
import { hubEndpoints, hubPath } from '../../../common/hub-api';
import { issuerFor, rotateIssuer } from '../../../hub/credentials/issuer-keys';
import { openDatabase } from '../../../hub/db/open';
import { tempDir } from '../../support/web-shell';
import { addMember, call, createCommunity, signUp, startHub, type RunningHub, type TestUser } from '../hub/helpers';
import { achievement, award, fetchStatusList } from './fixtures';

let hub: RunningHub;
let lead: TestUser;
let teacher: TestUser;
let mentor: TestUser;
let communityId: string;

beforeAll(async () => {
  hub = await startHub();
  lead = await signUp(hub, 'Lead');
  teacher = await signUp(hub, 'Amal Haddad');
  mentor = await signUp(hub, 'Mentor');
  communityId = (await createCommunity(hub, lead, 'Maths circle')).id;
  await addMember(hub, lead, communityId, teacher, 'member');
  await addMember(hub, lead, communityId, mentor, 'mentor');
});
afterAll(async () => {
  await hub.stop();
});

const list = (user: TestUser) => call(hub.url, 'GET', hubPath(hubEndpoints.listCredentials.path, { communityId }), { token: user.token });

describe('credentials on the hub', () => {
  it('signs an Open Badges 3.0 credential that verifies offline, then reports its revocation', async () => {
    const res = await award(hub, lead, communityId, teacher.user.id, { note: 'For steady practice' });
    expect(res.status).toBe(201);
    const credential = res.body.credential.credential as Record<string, unknown>;
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

    const revoke = hubPath(hubEndpoints.revokeCredential.path, { communityId, credentialId: res.body.credential.id });
    expect((await call(hub.url, 'POST', revoke, { token: teacher.token })).status).toBe(403);
    expect((await call(hub.url, 'POST', revoke, { token: lead.token })).status).toBe(204);
    const after = await verifyOpenBadge(credential, await fetchStatusList(credential));
    expect(after).toMatchObject({ signature: 'valid', revocation: 'revoked' });
  });

  it('says the proof does not hold when one byte of the credential changes', async () => {
    const res = await award(hub, lead, communityId, teacher.user.id);
    const text = JSON.stringify(res.body.credential.credential);
    const altered = JSON.parse(text.replace('Reflective practitioner', 'Reflective practitionex')) as unknown;
    expect(await verifyOpenBadge(altered)).toMatchObject({ signature: 'invalid', problem: 'signature_invalid' });
  });

  it('calls an issuer it cannot resolve offline unknown, and refuses what is not a credential', async () => {
    const res = await award(hub, lead, communityId, teacher.user.id);
    const credential = structuredClone(res.body.credential.credential) as { issuer: { id: string }; proof: { verificationMethod: string } };
    credential.issuer.id = 'did:web:badges.example';
    credential.proof.verificationMethod = 'did:web:badges.example#key-1';
    expect(await verifyOpenBadge(credential)).toMatchObject({ signature: 'invalid', problem: 'issuer_unknown' });
    await expect(verifyOpenBadge({ hello: 'world' })).rejects.toMatchObject({ code: 'credential_invalid' });
  });

  it('lets only leads award, and shows a credential to its holder and to leads only', async () => {
    const before = (await list(lead)).body.credentials.length as number;
    expect((await award(hub, mentor, communityId, teacher.user.id)).status).toBe(403);
    expect((await award(hub, teacher, communityId, teacher.user.id)).status).toBe(403);
    expect((await list(lead)).body.credentials).toHaveLength(before);
    const outsider = await signUp(hub, 'Outsider');
    expect((await award(hub, lead, communityId, outsider.user.id)).status).toBe(404);
    expect((await list(outsider)).status).toBe(403);
    expect((await list(mentor)).body.credentials).toEqual([]);
    const mine = (await list(teacher)).body.credentials as { holderId: string }[];
    expect(mine.length).toBe(before);
    expect(mine.every((c) => c.holderId === teacher.user.id)).toBe(true);
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
    const arabic = achievement({ name: 'ممارس متأمل', description: 'أكمل ثلاث دورات ممارسة.', criteria: 'ثلاث دورات.', language: 'ar' });
    for (const body of [{}, { achievement: arabic, evidence: [{ id: teacher.user.id, kind: 'lesson', name: 'Fractions' }] }]) {
      const res = await award(hub, lead, communityId, teacher.user.id, body);
      expect(validate(res.body.credential.credential), JSON.stringify(validate.errors)).toBe(true);
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
