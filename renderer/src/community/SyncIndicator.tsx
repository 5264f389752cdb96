import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { StudioCallError } from '../../../common/contract';
import type { SyncState } from '../../../common/schemas/sync';
import { errorMessage } from '../lib/errors';
import { useRoute } from '../store/route';
import { activeTransfers, useSync } from '../store/sync';
import { useToasts } from '../store/toasts';
import { roughDuration, timeAgo } from './format';
import { useHeaderPopover } from '../ui/useHeaderPopover';
import { TransferList } from './TransferList';
import { useNow } from './useNow';
import './community.css';
import { syncActions } from './actions';

type Tone = 'off' | 'ok' | 'busy' | 'offline' | 'attention';

function statusOf(s: SyncState): { tone: Tone; key: string } {
  if (s.sessionExpired) return { tone: 'attention', key: 'sync.signInAgain' };
  if (!s.signedIn) return { tone: 'off', key: 'sync.notSignedIn' };
  if (s.syncing) return { tone: 'busy', key: 'sync.syncing' };
  if (!s.online) return { tone: 'offline', key: 'sync.offline' };
  if (s.lastError) return { tone: 'attention', key: 'sync.problem' };
  return { tone: 'ok', key: 'sync.online' };
}

/** A wrong clock is said with how far off it is and what waits for it; other problems by their error code. */
function problemOf(s: SyncState, t: TFunction, language: string): string | null {
  if (s.clockSkew) {
    const amount = roughDuration(s.clockSkew.driftMs, language);
    return s.clockSkew.direction === 'ahead' ? t('sync.clockAhead', { amount }) : t('sync.clockBehind', { amount });
  }
  return s.lastError ? errorMessage(t, new StudioCallError(s.lastError)) : null;
}

/**
 * Always in the header: online or not, changes waiting, transfers under way, when the last sync
 * happened and, in plain words, what went wrong. Opens a panel with the details and "Sync now".
 */
export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const state = useSync((s) => s.state);
  const transfers = activeTransfers(useSync((s) => s.transfers));
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const { open, toggle, close, root, button } = useHeaderPopover('sync');
  const now = useNow();
  if (!state) return null;
  const { tone, key } = statusOf(state);
  const lastSynced = state.lastSyncedAt
    ? t('sync.lastSynced', { when: timeAgo(state.lastSyncedAt, now, i18n.language) })
    : t('sync.neverSynced');
  const problem = problemOf(state, t, i18n.language);
  const syncNow = () => void syncActions.now({}).catch((err: unknown) => toast('error', errorMessage(t, err)));

  return (
    <div className="sync-indicator" ref={root}>
      <button
        ref={button}
        type="button"
        className={`ghost sync-button sync-${tone}`}
        aria-expanded={open}
        aria-controls="sync-panel"
        onClick={toggle}
      >
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-lines">
          <span className="sync-line">
            <span className="sync-status">{t(key)}</span>
            {state.pendingChanges > 0 && <span>{t('sync.pending', { count: state.pendingChanges })}</span>}
            {state.transfersActive + state.transfersWaiting > 0 && (
              <span>{t('sync.transfers', { count: state.transfersActive + state.transfersWaiting })}</span>
            )}
          </span>
          {(state.signedIn || problem) && (
            <span className="sync-line small-text">
              {state.signedIn && <span className="muted">{lastSynced}</span>}
              {problem && (
                <span className="sync-problem" title={problem}>
                  {problem}
                </span>
              )}
            </span>
          )}
        </span>
      </button>
      {open && (
        <div id="sync-panel" className="sync-popover" role="region" aria-label={t('sync.title')}>
          <h2>{t('sync.title')}</h2>
          <dl className="sync-facts">
            <dt>{t('sync.connection')}</dt>
            <dd>{t(key)}</dd>
            <dt>{t('sync.pendingLabel')}</dt>
            <dd>{t('sync.pendingValue', { count: state.pendingChanges })}</dd>
            <dt>{t('sync.lastSyncedLabel')}</dt>
            <dd>{lastSynced}</dd>
            {state.transfersWaiting > 0 && (
              <>
                <dt>{t('sync.waitingLabel')}</dt>
                <dd>{t('sync.waitingValue', { count: state.transfersWaiting })}</dd>
              </>
            )}
            {state.rejectedChanges > 0 && (
              <>
                <dt>{t('sync.rejectedLabel')}</dt>
                <dd>{t('sync.rejectedValue', { count: state.rejectedChanges })}</dd>
              </>
            )}
            {state.refusedRecords > 0 && (
              <>
                <dt>{t('sync.refusedLabel')}</dt>
                <dd>{t('sync.refusedValue', { count: state.refusedRecords })}</dd>
              </>
            )}
            {problem && (
              <>
                <dt>{t('sync.problemLabel')}</dt>
                <dd className="error-text">{problem}</dd>
              </>
            )}
          </dl>
          <div className="dialog-actions">
            {state.signedIn ? (
              <button type="button" className="primary" onClick={syncNow} disabled={state.syncing}>
                {t('sync.now')}
              </button>
            ) : (
              <button
                type="button"
                className="primary"
                onClick={() => {
                  close();
                  go({ name: 'hub' });
                }}
              >
                {state.sessionExpired ? t('sync.signInAgain') : t('hub.signIn')}
              </button>
            )}
          </div>
          <h3>{t('transfers.title')}</h3>
          <TransferList transfers={transfers} />
        </div>
      )}
    </div>
  );
}
