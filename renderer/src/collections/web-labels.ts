import type { TFunction } from 'i18next';
import { webLabelKeys, type WebLabels } from '../../../common/schemas/package';

/**
 * The words of an offline web page, in the language it is written for. Placeholders the page fills
 * in itself (a clip's times, the item playing) are passed through as `{name}`.
 */
export function webLabels(t: TFunction, licence: string | null): WebLabels {
  const labels = Object.fromEntries(webLabelKeys.map((key) => [key, t(`webExport.${key}`)])) as WebLabels;
  return {
    ...labels,
    clipOf: t('webExport.clipOf', { lesson: '{lesson}', start: '{start}', end: '{end}' }),
    nowPlaying: t('webExport.nowPlaying', { title: '{title}' }),
    licence: licence ? t('webExport.licence', { licence: t(`collections.licences.${licence}`) }) : '',
  };
}
