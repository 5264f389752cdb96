import { describe, expect, it } from 'vitest';
import type { JobKind } from '../../../common/schemas/job';
import { extraWaitsForRequired, importJobs, recordingFollowUpJobs } from '../../../core/library/pipeline';
import type { StoredJob } from '../../../core/jobs/queries';

let n = 0;
const job = (kind: JobKind, lessonId = 'l1'): StoredJob => ({
  id: `j${++n}`,
  kind,
  lessonId,
  status: 'queued',
  progress: 0,
  errorCode: null,
  errorDetail: null,
  attempts: 0,
  createdAt: n,
  updatedAt: n,
  params: {},
});

describe('the media pipeline', () => {
  it('gives an imported video its extras and then the talk analysis; sound alone gets no sprite', () => {
    expect(importJobs(false)).toEqual(['peaks', 'sprite', 'proxy', 'talk']);
    expect(importJobs(true)).toEqual(['playable', 'peaks', 'sprite', 'proxy', 'talk']);
    expect(importJobs(false, true)).toEqual(['peaks', 'proxy', 'talk']);
    expect(recordingFollowUpJobs.at(-1)).toBe('talk');
  });

  it('runs the talk analysis only once every other job of its lesson is over, whatever the other lessons do', () => {
    const talk = job('talk');
    expect(extraWaitsForRequired(talk, [talk, job('proxy')])).toBe(true);
    expect(extraWaitsForRequired(talk, [talk, job('peaks')])).toBe(true);
    expect(extraWaitsForRequired(talk, [talk, job('proxy', 'l2')])).toBe(false);
    expect(extraWaitsForRequired(talk, [talk])).toBe(false);
  });

  it('still lets extras wait only for what makes the lesson playable', () => {
    expect(extraWaitsForRequired(job('sprite'), [job('playable')])).toBe(true);
    expect(extraWaitsForRequired(job('sprite'), [job('proxy')])).toBe(false);
    expect(extraWaitsForRequired(job('poster'), [job('remux')])).toBe(false);
  });
});
