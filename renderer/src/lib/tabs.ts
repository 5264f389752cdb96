/**
 * Where a key moves the selection in a row of tabs (WAI-ARIA tabs pattern), or null when the key is not
 * the tablist's. Left and Right follow what the eye sees: in a right-to-left page the first tab is on the
 * right, so Left goes to the next one. Both ends wrap around.
 */
export function tabIndexAfterKey(key: string, index: number, count: number, rtl: boolean): number | null {
  if (count === 0) return null;
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
  switch (key) {
    case forward:
      return (index + 1) % count;
    case backward:
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
