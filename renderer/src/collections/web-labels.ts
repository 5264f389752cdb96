import type { TFunction } from 'i18next';
import { webLabelKeys, type WebLabels } from '../../../common/schemas/package';
import { consentVisibilities, licences } from '../../../common/sync/entities';

/**
 * The words of an offline web page, in the language it is written for. Placeholders the page fills
 * in itself (a clip's times, the item playing) are passed through as `{name}`.
 */
export function webLabels(t: TFunction, licence: string | null): WebLabels {
  const labels = Object.fromEntries(webLabelKeys.map((key) => [key, t(`webExport.${key}`)])) as Omit<
    WebLabels,
    'licenceNames' | 'consentNames'
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
  };
}
