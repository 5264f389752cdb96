import { useEffect, useRef } from 'react';
import { useHeaderPopovers, type HeaderPopover } from '../store/headerPopover';

/**
 * One header popover: open or not, and closed the way people expect a popover to close. Esc gives focus
 * back to its button (focus inside a panel that vanished would fall to the page body); a click outside
 * closes it and leaves focus where the click put it.
 */
export function useHeaderPopover(name: HeaderPopover) {
  const open = useHeaderPopovers((s) => s.open === name);
  const toggle = useHeaderPopovers((s) => s.toggle);
  const close = useHeaderPopovers((s) => s.close);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      // Taken here so the lesson workspace does not also read this Esc as "cancel the note".
      e.preventDefault();
      close(name);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) close(name);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, [open, name, close]);

  return { open, toggle: () => toggle(name), close: () => close(name), root, button };
}
