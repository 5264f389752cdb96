import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { describe, expect, it } from 'vitest';
import { documentLoader } from '../../../common/credentials/loader';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../../../common/credentials/schema';
import { verifyOpenBadge } from '../../../common/credentials/verify';

/**
 * Interoperability the other way round: a credential signed the way the eddsa-rdfc-2022 suite's own
 * README example signs (its published Multikey pair, the library's `issue`, none of our hub code),
 * with the key as a `did:key` and an Open Badges body, verifies in our verifier.
 */
const README_KEY = {
  publicKeyMultibase: 'z6MkwXG2WjeQnNxSoynSGYU8V9j3QzP3JSqhdmkHc6SaVWoT',
  secretKeyMultibase: 'zrv3rbPamVDGvrm7LkYPLWYJ35P9audujKKsWn3x29EUiGwwhdZQd1iHhrsmZidtVALBQmhX3j9E5Fvx6Kr29DPt6LH',
};

describe('a credential made with the library example', () => {
  it('verifies in our verifier, and fails once altered', async () => {
    const controller = `did:key:${README_KEY.publicKeyMultibase}`;
    const keyPair = await Ed25519Multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      controller,
      id: `${controller}#${README_KEY.publicKeyMultibase}`,
      ...README_KEY,
    });
    const unsigned = {
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
      id: 'http://example.edu/credentials/1872',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: controller, type: ['Profile'], name: 'Example University' },
      validFrom: '2010-01-01T19:23:24Z',
      name: 'Alumni',
      credentialSubject: {
        id: 'https://example.edu/students/alice',
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://example.edu/achievements/alumni',
          type: ['Achievement'],
          name: 'Alumni',
          description: 'Graduated from Example University.',
          criteria: { narrative: 'Complete a degree.' },
        },
      },
    };
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite });
    const signed = await vc.issue({ credential: unsigned, suite, documentLoader: documentLoader() });

    expect(await verifyOpenBadge(signed)).toMatchObject({
      signature: 'valid',
      revocation: 'none',
      recipient: 'https://example.edu/students/alice',
      issuer: { id: controller, name: 'Example University' },
    });
    const altered = { ...signed, validFrom: '2011-01-01T19:23:24Z' };
    expect(await verifyOpenBadge(altered)).toMatchObject({ signature: 'invalid', problem: 'signature_invalid' });
  });
});
