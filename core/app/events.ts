import type { EventName, EventPayload } from '../../common/contract';
import type { ErrorCode, ErrorParams } from '../../common/errors';
import type { Op } from '../../common/sync/ops';

type Listener = (name: EventName, payload: unknown) => void;

/** The core's outgoing event stream; each shell forwards it to its renderer(s). */
export class EventBus {
  private listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * What the core's domains tell each other, as opposed to the `EventBus`, which tells the UI. Sync
 * sits below the domains that write through it (notes, reviews, collections write ops to its outbox;
 * it applies their pulled records), so it cannot call them without a cycle: it announces here, and
 * they listen, each on its own core's context.
 */
export interface CoreEventMap {
  /** An op entered the outbox; sent once the code that wrote it has run, so after its transaction. */
  'outbox.written': Record<string, never>;
  /** The hub refused an op: sent inside the transaction that drops it from the outbox. */
  'outbox.rejected': { op: Op; reason: ErrorCode; params: ErrorParams };
  /**
   * The teacher shared a lesson or changed its share (consent, licence): sent inside the share's
   * transaction, so what travels with the lesson (its talk analysis) is decided in the same commit.
   */
  'lesson.shared': { lessonId: string };
  /** A pull changed review records (core/review/projections.ts); sent once its transaction has committed. */
  'review.pulled': Record<string, never>;
  /** A pull changed these collections (core/collections/sync-in.ts); sent once its transaction has committed. */
  'collections.pulled': { ids: string[] };
  /** A pull changed a community's achievements, awards or credentials (core/credentials/projections.ts). */
  'credentials.pulled': { communityId: string };
}

export type CoreEventName = keyof CoreEventMap;

/** A small typed emitter: listeners run synchronously, in the order they were added. */
export class CoreEvents {
  private readonly listeners = new Map<CoreEventName, Set<(payload: never) => void>>();

  on<E extends CoreEventName>(name: E, listener: (payload: CoreEventMap[E]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends CoreEventName>(name: E, payload: CoreEventMap[E]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as (payload: CoreEventMap[E]) => void)(payload);
  }

  /** Emits once the current synchronous code (a transaction and whatever wraps it) has run. */
  emitSoon<E extends CoreEventName>(name: E, payload: CoreEventMap[E]): void {
    queueMicrotask(() => this.emit(name, payload));
  }
}
