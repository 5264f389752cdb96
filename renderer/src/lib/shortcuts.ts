export type ShortcutAction =
  | { name: 'togglePlay' | 'back' | 'forward' | 'stepBack' | 'stepForward' | 'slower' | 'faster' }
  | { name: 'note' | 'markIn' | 'markOut' | 'help' | 'cancel' | 'undo' | 'zoomIn' | 'zoomOut' }
  | { name: 'previousNote' | 'nextNote' }
  | { name: 'code'; key: number };

interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
}

/** Punctuation keys the map uses, by physical key, for layouts where they type a letter. */
const PHYSICAL_PUNCTUATION: Record<string, string> = { BracketLeft: '[', BracketRight: ']' };

/**
 * With an Arabic (or any non-Latin) layout the N key types "ى" and the [ key "ج": the physical key
 * names the shortcut, so the map works whatever layout the person writes their notes in.
 */
function keyOf(e: KeyLike): string {
  if (e.key.length === 1 && !/[\x20-\x7e]/.test(e.key)) {
    const physical = /^(?:Key([A-Z])|Digit(\d))$/.exec(e.code);
    if (physical) return (physical[1] ?? physical[2]!).toLowerCase();
    if (PHYSICAL_PUNCTUATION[e.code]) return PHYSICAL_PUNCTUATION[e.code]!;
    // Shift and the / key type "؟" in Arabic and Urdu layouts: still the "?" that lists the shortcuts.
    if (e.code === 'Slash' && e.shiftKey) return '?';
  }
  return e.key.length === 1 ? e.key.toLowerCase() : e.key;
}

/** The lesson workspace's keyboard map. Ctrl/Cmd/Alt combinations belong to the browser, except undo. */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  const key = keyOf(e);
  if (e.ctrlKey || e.metaKey) return !e.altKey && key === 'z' ? { name: 'undo' } : null;
  if (e.altKey) return null;
  if (/^[1-9]$/.test(key)) return { name: 'code', key: Number(key) };
  switch (key) {
    case ' ':
    case 'k':
      return { name: 'togglePlay' };
    case 'j':
      return { name: 'back' };
    case 'l':
      return { name: 'forward' };
    case 'ArrowLeft':
      return { name: 'stepBack' };
    case 'ArrowRight':
      return { name: 'stepForward' };
    case ',':
    case '<':
      return { name: 'slower' };
    case '.':
    case '>':
      return { name: 'faster' };
    case 'n':
      return { name: 'note' };
    case 'i':
      return { name: 'markIn' };
    case 'o':
      return { name: 'markOut' };
    case '[':
      return { name: 'previousNote' };
    case ']':
      return { name: 'nextNote' };
    case '?':
      return { name: 'help' };
    case 'Escape':
      return { name: 'cancel' };
    case '+':
    case '=':
      return { name: 'zoomIn' };
    case '-':
      return { name: 'zoomOut' };
    default:
      return null;
  }
}

/** What the `?` sheet lists, in order: the keys as shown, and the catalog key describing them. */
export const shortcutList: Array<{ keys: string[]; label: string }> = [
  { keys: ['Space', 'K'], label: 'shortcuts.togglePlay' },
  { keys: ['J'], label: 'shortcuts.back' },
  { keys: ['L'], label: 'shortcuts.forward' },
  { keys: ['←', '→'], label: 'shortcuts.step' },
  { keys: [',', '.'], label: 'shortcuts.speed' },
  { keys: ['N'], label: 'shortcuts.note' },
  { keys: ['I'], label: 'shortcuts.markIn' },
  { keys: ['O'], label: 'shortcuts.markOut' },
  { keys: ['1', '…', '9'], label: 'shortcuts.code' },
  { keys: ['[', ']'], label: 'shortcuts.jumpNote' },
  { keys: ['Enter'], label: 'shortcuts.save' },
  { keys: ['Shift', 'Enter'], label: 'shortcuts.newline' },
  { keys: ['Esc'], label: 'shortcuts.cancel' },
  { keys: ['Ctrl', 'Z'], label: 'shortcuts.undo' },
  { keys: ['+', '−'], label: 'shortcuts.zoom' },
  { keys: ['?'], label: 'shortcuts.help' },
];
