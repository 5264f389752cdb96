import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { verifyOpenBadge } from '../../common/credentials/verify';
import { addMember, createCommunity, signUp, startHub } from '../integration/hub/helpers';
import { defineAchievement, fetchStatusList, pulledCredentials, pushAward } from '../integration/credentials/fixtures';
import { median, percentile, writeResult } from './media-cache';

/**
 * Issue 19: issuing (an award pushed as a sync op to a real hub on 127.0.0.1, which builds, canonicalises,
 * signs and stores the credential as it applies the op)
 * and verifying (the studio's offline verifier: bundled contexts, did:key, status list already
 * fetched) 200 Open Badges 3.0 credentials; `verify_offline` is a verification with fetch cut off.
 * Baseline: a bare Ed25519 signature and check of the same credential's JSON bytes with node:crypto,
 * which shows what JSON-LD canonicalisation costs on top.
 */
const COUNT = 200;

const round = (ms: number) => Math.round(ms * 100) / 100;
const stats = (values: number[]) => ({ median: round(median(values)), p95: round(percentile(values, 95)) });

export async function run(): Promise<Record<string, unknown>> {
  const hub = await startHub();
  try {
    const lead = await signUp(hub, 'Lead');
    const teacher = await signUp(hub, 'Teacher');
    const communityId = (await createCommunity(hub, lead)).id;
    await addMember(hub, lead, communityId, teacher, 'member');

    const achievementId = await defineAchievement(hub, lead, communityId);
    const issueMs: number[] = [];
    for (let i = 0; i < COUNT; i++) {
      const start = performance.now();
      const { result } = await pushAward(hub, lead, communityId, teacher.user.id, { achievementId });
      issueMs.push(performance.now() - start);
      if (result.status !== 'applied') throw new Error(`award refused: ${result.reason}`);
    }
    const issued = [...(await pulledCredentials(hub, teacher, communityId)).values()].map((r) => r.document as Record<string, unknown>);
    if (issued.length !== COUNT) throw new Error(`pulled ${issued.length} credentials`);
    const statusList = await fetchStatusList(issued[0]!);
    await verifyOpenBadge(issued[0], statusList);
    const verifyMs: number[] = [];
    for (const credential of issued) {
      const start = performance.now();
      const report = await verifyOpenBadge(credential, statusList);
      verifyMs.push(performance.now() - start);
      if (report.signature !== 'valid' || report.revocation !== 'active') throw new Error('a credential did not verify');
    }

    const realFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error('network cut'));
    let offline: boolean;
    try {
      offline = (await verifyOpenBadge(issued[1])).signature === 'valid';
    } finally {
      globalThis.fetch = realFetch;
    }

    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const bareSign: number[] = [];
    const bareVerify: number[] = [];
    for (const credential of issued) {
      const bytes = Buffer.from(JSON.stringify(credential));
      let start = performance.now();
      const signature = sign(null, bytes, privateKey);
      bareSign.push(performance.now() - start);
      start = performance.now();
      verify(null, bytes, publicKey, signature);
      bareVerify.push(performance.now() - start);
    }

    const figures = {
      credentials: COUNT,
      issue_ms: stats(issueMs),
      verify_ms: stats(verifyMs),
      verify_p95_goal_ms: 100,
      verify_offline: offline,
      baseline_bare_ed25519_sign_ms: stats(bareSign),
      baseline_bare_ed25519_verify_ms: stats(bareVerify),
    };
    await writeResult('credentials', figures);
    return figures;
  } finally {
    await hub.stop();
  }
}
