import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../common/schemas/lesson';
import { formatBytes, formatPercent } from '../lib/format';
import '../recording/recording.css';

const shown = ['original', 'playable', 'proxy'] as const;

/**
 * The lesson's video files and their sizes, the sharing copy beside the original with its share of
 * it: that copy is what a share sends over slow, metered connections.
 */
export function AssetSizes({ assets }: { assets: Asset[] }) {
  const { t, i18n } = useTranslation();
  const of = (kind: Asset['kind']) => assets.find((a) => a.kind === kind);
  const original = of('original');
  return (
    <dl className="asset-sizes">
      {shown.map((kind) => {
        const asset = of(kind);
        if (!asset && kind !== 'proxy') return null;
        return (
          <div key={kind} data-testid={`asset-${kind}`}>
            <dt>{t(`lesson.assetKinds.${kind}`)}</dt>
            <dd>
              {asset ? formatBytes(asset.sizeBytes, i18n.language) : t('lesson.proxyPending')}
              {asset && kind === 'proxy' && original && original.sizeBytes > 0 && (
                <span className="muted">
                  {' '}
                  · {t('lesson.proxyShare', { percent: formatPercent(asset.sizeBytes / original.sizeBytes, i18n.language) })}
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
