import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubEndpoints } from '../../../common/hub-api';
import { call, startHub, type RunningHub } from './helpers';

const sampleParams: Record<string, string> = {
  communityId: '0190a0a0-0000-7000-8000-000000000001',
  inviteId: '0190a0a0-0000-7000-8000-000000000002',
  userId: '0190a0a0-0000-7000-8000-000000000003',
  sha256: 'a'.repeat(64),
};

describe('the endpoint table', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.stop());

  it('is what the hub serves: every entry is routed, and one that needs a session refuses a request without one', async () => {
    for (const [name, endpoint] of Object.entries(hubEndpoints)) {
      const path = endpoint.path.replace(/:([A-Za-z0-9]+)/g, (_, param: string) => sampleParams[param] ?? 'x');
      const res = await call(hub.url, endpoint.method, path);
      expect(res.body?.params?.route, name).toBeUndefined();
      if (endpoint.auth) expect([res.status, res.body.code], name).toEqual([401, 'unauthorized']);
    }
  });
});
