import { describe, expect, it } from 'vitest';
import { mediaProblem, screenProblem } from '../../../../renderer/src/recording/sources';

describe('screenProblem', () => {
  it('treats closing the screen picker as a choice, not a problem', () => {
    expect(screenProblem(new DOMException('Permission denied', 'NotAllowedError'))).toBeNull();
  });

  it('asks for help when the system refused the screen', () => {
    expect(screenProblem(new DOMException('Permission denied by system', 'NotAllowedError'))).toBe('permission');
  });

  it('names other failures as opening a device does', () => {
    for (const name of ['NotFoundError', 'NotReadableError', 'AbortError', 'TypeError']) {
      const err = new DOMException('x', name);
      expect(screenProblem(err)).toBe(mediaProblem(err));
    }
    expect(screenProblem(new Error('x'))).toBe('failed');
  });
});
