import type { ReactNode } from 'react';
import { mediaUrl } from '../lib/shell';

interface PosterCardProps {
  className: string;
  /** From the caller's useId(): the details are `${id}-details`, and `overlay` may name its own ids from it. */
  id: string;
  posterAssetId: string | null;
  /** Shown where there is no picture. */
  placeholder: string;
  /** Drawn over the picture (a lesson's duration). */
  overlay?: ReactNode;
  /** Ids read before the details in the button's description (the overlay's). */
  describedBy?: string;
  title: string;
  /** The button's name, "Open <title>", which holds all its visible text. */
  openLabel: string;
  onOpen(): void;
  /** The card's other text, read as the button's description. */
  children: ReactNode;
}

/**
 * A card in a grid of lessons or collections. Only the title is the button, named "Open <title>" so
 * its name holds all its visible text (WCAG 2.5.3); the card's other text is read as its description.
 * The button stretches over the whole card (styles.css), so the card is still one large target.
 */
export function PosterCard(p: PosterCardProps) {
  return (
    <li className={p.className}>
      <div className="poster">
        {p.posterAssetId ? (
          <img src={mediaUrl(p.posterAssetId)} alt="" loading="lazy" />
        ) : (
          <span className="poster-placeholder" aria-hidden="true">
            {p.placeholder}
          </span>
        )}
        {p.overlay}
      </div>
      <div className="card-body">
        <p className="card-title">
          <button
            type="button"
            className="card-button"
            onClick={p.onOpen}
            aria-label={p.openLabel}
            aria-describedby={`${p.describedBy ? `${p.describedBy} ` : ''}${p.id}-details`}
          >
            <span dir="auto">{p.title}</span>
          </button>
        </p>
        <div id={`${p.id}-details`}>{p.children}</div>
      </div>
    </li>
  );
}
