import { useEffect, useState } from 'react';

/** The current time, with a re-render every `everyMs`, for "synced 2 minutes ago" and local times. */
export function useNow(everyMs = 30_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return Date.now();
}
