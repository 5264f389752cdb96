import { StudioCallError, type CallInput, type CallName, type CallOutput, type StudioBridge } from '../../../common/contract';
import { isErrorPayload } from '../../../common/errors';
import { createHttpBridge } from './http';

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}

/** The desktop app's preload provides window.studio; in the browser shell we build the same bridge over HTTP. */
export const studio: StudioBridge = window.studio ?? createHttpBridge();

/** Calls the core; errors always arrive as StudioCallError with the core's `{code, params}`. */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  try {
    return await studio.invoke(name, input);
  } catch (err) {
    if (err instanceof StudioCallError) throw err;
    // Errors cross Electron's context bridge as plain objects carrying the payload.
    const payload = (err as { payload?: unknown }).payload;
    throw new StudioCallError(isErrorPayload(payload) ? payload : { code: 'internal', message: String(err), params: {} });
  }
}
