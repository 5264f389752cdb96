import { calls, isCallName, type CallName } from '../common/contract';
import { StudioError } from '../common/errors';
import type { StudioApi } from '../common/contract';

/**
 * The one door both shells use: checks the call exists, parses its input with the contract's schema,
 * runs it. Anything malformed is refused here, before it can change anything.
 */
export async function dispatch(api: StudioApi, name: string, rawInput: unknown): Promise<unknown> {
  if (!isCallName(name)) throw new StudioError('not_found', { entity: 'call', id: name });
  const input = calls[name].input.parse(rawInput ?? {});
  const fn = api[name] as (args: unknown) => Promise<unknown>;
  return fn(input);
}

export type { CallName };
