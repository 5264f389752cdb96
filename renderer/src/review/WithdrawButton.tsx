import { useTranslation } from 'react-i18next';
import { askConfirm } from '../store/confirm';
import { reviewActions } from './actions';

/** Withdraws a request for feedback once the teacher confirms; `ariaLabel` names the lesson where a list shows many. */
export function WithdrawButton({ requestId, ariaLabel, onError }: { requestId: string; ariaLabel?: string; onError(err: unknown): void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="small danger"
      aria-label={ariaLabel}
      onClick={async () => {
        if (await askConfirm({ message: t('review.mine.confirmWithdraw'), confirmLabel: t('review.mine.withdraw') }))
          reviewActions.withdraw({ id: requestId }).catch(onError);
      }}
    >
      {t('review.mine.withdraw')}
    </button>
  );
}
