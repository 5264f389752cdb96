import type { TFunction } from 'i18next';
import { StudioCallError } from '../../../common/contract';

/** A translated sentence for any error the core or a bridge reports. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof StudioCallError) {
    const { code, params } = err.payload;
    const path = code === 'invalid_input' && params.path ? ` (${params.path})` : '';
    return t(`errors.${code}`, { ...params, path, defaultValue: t('errors.internal') });
  }
  return t('errors.internal');
}
