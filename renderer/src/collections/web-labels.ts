import type { TFunction } from 'i18next';
import { webLabelKeys, type VerifyLabels, type WebLabels } from '../../../common/schemas/package';
import { consentVisibilities, licences } from '../../../common/sync/entities';

/**
 * The words of an offline web page, in the language it is written for. Placeholders the page fills
 * in itself (a clip's times, the item playing) are passed through as `{name}`.
 */
export function webLabels(t: TFunction, licence: string | null, language: string): WebLabels {
  const labels = Object.fromEntries(webLabelKeys.map((key) => [key, t(`webExport.${key}`)])) as Omit<
    WebLabels,
    'licenceNames' | 'consentNames' | 'verify' | 'language'
  >;
  return {
    ...labels,
    clipOf: t('webExport.clipOf', { lesson: '{lesson}', start: '{start}', end: '{end}' }),
    nowPlaying: t('webExport.nowPlaying', { title: '{title}' }),
    author: t('webExport.author', { author: '{author}' }),
    lessonLicence: t('webExport.lessonLicence', { licence: '{licence}' }),
    community: t('webExport.community', { community: '{community}' }),
    consent: t('webExport.consent', { consent: '{consent}' }),
    consentNames: Object.fromEntries(consentVisibilities.map((v) => [v, t(`share.visibilities.${v}`)])),
    licenceNames: Object.fromEntries(licences.map((l) => [l, t(`collections.licences.${l}`)])),
    licence: licence ? t('webExport.licence', { licence: t(`collections.licences.${licence}`) }) : '',
    language,
    verify: verifyLabels(t),
  };
}

/** The verify page's words: the studio's own where the page says the same, its own where it works offline. */
function verifyLabels(t: TFunction): VerifyLabels {
  return {
    title: t('credentials.verify.title'),
    intro: t('webExport.verify.intro'),
    pick: t('credentials.verify.pick'),
    drop: t('webExport.verify.drop'),
    checking: t('credentials.verify.checking'),
    signatureValid: t('credentials.verify.signatureValid'),
    signatureInvalid: t('credentials.verify.problem.signature_invalid'),
    issuerUnknown: t('webExport.verify.issuerUnknown'),
    revocationUnchecked: t('webExport.verify.revocationUnchecked'),
    revocationNone: t('credentials.verify.revocation.none'),
    issuer: t('credentials.verify.issuer'),
    recipient: t('credentials.verify.recipient'),
    achievement: t('credentials.verify.achievement'),
    issuedAt: t('credentials.verify.issuedAt'),
    notCredential: t('webExport.verify.notCredential'),
    notInImage: t('errors.credential_not_in_image'),
    back: t('webExport.verify.back'),
    noScript: t('webExport.verify.noScript'),
  };
}
