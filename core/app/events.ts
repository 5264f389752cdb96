import type { EventName, EventPayload } from '../../common/contract';

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
