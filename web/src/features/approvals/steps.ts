import type { Approval } from './approvals.api';

/** Where a step stands in a request: passed, being decided, not reached, the one that rejected, or cut off. */
export type StepState = 'done' | 'current' | 'waiting' | 'rejected' | 'skipped';

/** The state of step `n` of a request (from its status and current step; decisions of the current round). */
export function stepState(a: Pick<Approval, 'status' | 'currentStep'>, n: number): StepState {
  if (a.status === 'approved' || n < a.currentStep) return 'done';
  if (n > a.currentStep) return a.status === 'pending' ? 'waiting' : 'skipped';
  if (a.status === 'pending') return 'current';
  return a.status === 'rejected' ? 'rejected' : 'skipped';
}

/** The name of the step a pending request waits on, if any. */
export const currentStepName = (a: Pick<Approval, 'status' | 'currentStep' | 'steps'>) =>
  a.status === 'pending' ? a.steps[a.currentStep]?.name : undefined;
