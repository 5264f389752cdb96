import type { CoreContext } from '../app/context';
import type { CallsOf } from '../app/calls';
import { listCalibrations, markExemplar, scoreExemplar } from './calibration';

export function calibrationCalls(ctx: CoreContext): CallsOf<'calibration'> {
  return {
    'calibration.list': async (args) => listCalibrations(ctx, args),
    'calibration.mark': async (args) => markExemplar(ctx, args),
    'calibration.score': async (args) => scoreExemplar(ctx, args),
  };
}
