import { v7 as uuidv7 } from 'uuid';
import type { AchievementInput } from '../../../common/credentials/schema';
import { hubEndpoints, hubPath } from '../../../common/hub-api';
import { call, type Reply, type RunningHub, type TestUser } from '../hub/helpers';

export function achievement(overrides: Partial<AchievementInput> = {}): AchievementInput {
  return {
    id: uuidv7(),
    name: 'Reflective practitioner',
    description: 'Completed three practice cycles with a mentor.',
    criteria: 'Three cycles: lesson shared, review received, response written, a goal marked met.',
    language: 'en',
    ...overrides,
  };
}

export function award(
  hub: RunningHub,
  by: TestUser,
  communityId: string,
  holderId: string,
  body: Record<string, unknown> = {},
): Promise<Reply> {
  return call(hub.url, 'POST', hubPath(hubEndpoints.awardCredential.path, { communityId }), {
    token: by.token,
    body: { holderId, achievement: achievement(), ...body },
  });
}

/** The status list named in a credential, fetched over HTTP as any verifier would. */
export async function fetchStatusList(credential: Record<string, unknown>): Promise<{ url: string; credential: unknown }> {
  const url = (credential.credentialStatus as { statusListCredential: string }).statusListCredential;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`status list: ${res.status}`);
  return { url, credential: await res.json() };
}
