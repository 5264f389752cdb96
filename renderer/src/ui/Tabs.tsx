import { useRef, type ReactNode } from 'react';
import { tabIndexAfterKey } from '../lib/tabs';

interface Props<T extends string> {
  /** What the whole row is, for a screen reader ("Lesson panels"). */
  label: string;
  tabs: ReadonlyArray<{ id: T; label: ReactNode }>;
  selected: T;
  onSelect(id: T): void;
  /** Prefix for the ids of the tabs and their one panel, unique on the page. */
  idPrefix: string;
  children: ReactNode;
}

/**
 * A row of tabs and the panel of the selected one, as the WAI-ARIA tabs pattern has it: one Tab stop for
 * the whole row (roving tabindex), arrows to move along it (mirrored right to left), Home and End, and
 * a selection that follows focus, since every panel here opens at once.
 */
export function Tabs<T extends string>({ label, tabs, selected, onSelect, idPrefix, children }: Props<T>) {
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  return (
    <>
      <div
        className="tabs"
        role="tablist"
        aria-label={label}
        onKeyDown={(e) => {
          const index = tabs.findIndex((tab) => tab.id === selected);
          const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
          const next = tabIndexAfterKey(e.key, index, tabs.length, rtl);
          if (next === null || e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          const id = tabs[next]!.id;
          onSelect(id);
          buttons.current.get(id)?.focus();
        }}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) buttons.current.set(tab.id, el);
              else buttons.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div id={`${idPrefix}-panel`} role="tabpanel" aria-labelledby={`${idPrefix}-tab-${selected}`}>
        {children}
      </div>
    </>
  );
}
