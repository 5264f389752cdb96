import { call } from '../bridge/studio';

/** The parts of the Network Information API we read; Chromium fills them in on some systems only. */
interface NetworkInformationLike extends EventTarget {
  type?: string;
  saveData?: boolean;
}

function connectionInfo(): NetworkInformationLike | undefined {
  return (navigator as Navigator & { connection?: NetworkInformationLike }).connection;
}

/**
 * Whether the platform says the connection is metered: true for cellular or data saver, false for
 * wifi or ethernet, null when it does not say (most desktops), in which case transfers go ahead.
 */
export function meteredHint(): boolean | null {
  const c = connectionInfo();
  if (!c) return null;
  if (c.saveData || c.type === 'cellular') return true;
  if (c.type === 'wifi' || c.type === 'ethernet') return false;
  return null;
}

/** Tells the core what the browser knows about the network now and whenever it changes; returns how to stop. */
export function reportConnection(): () => void {
  const report = () => void call('sync.connection', { online: navigator.onLine, metered: meteredHint() }).catch(() => undefined);
  report();
  window.addEventListener('online', report);
  window.addEventListener('offline', report);
  connectionInfo()?.addEventListener('change', report);
  return () => {
    window.removeEventListener('online', report);
    window.removeEventListener('offline', report);
    connectionInfo()?.removeEventListener('change', report);
  };
}
