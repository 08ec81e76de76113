import { describe, expect, it } from 'vitest';
import { currentStepName, stepState } from './steps';

const steps = [
  { name: '直属上级', mode: 'any' as const, approvers: [] },
  { name: '销售总监', mode: 'all' as const, approvers: [] },
];

describe('stepState', () => {
  it('marks steps before the current one passed, the current one in approval and later ones not started', () => {
    const a = { status: 'pending' as const, currentStep: 1 };
    expect([0, 1, 2].map((n) => stepState(a, n))).toEqual(['done', 'current', 'waiting']);
  });
  it('marks every step passed once the request is approved', () => {
    expect([0, 1].map((n) => stepState({ status: 'approved', currentStep: 1 }, n))).toEqual(['done', 'done']);
  });
  it('marks the rejecting step and cuts off the ones after it', () => {
    const a = { status: 'rejected' as const, currentStep: 0 };
    expect([0, 1].map((n) => stepState(a, n))).toEqual(['rejected', 'skipped']);
  });
  it('ends a withdrawn request where it stood', () => {
    const a = { status: 'withdrawn' as const, currentStep: 1 };
    expect([0, 1].map((n) => stepState(a, n))).toEqual(['done', 'skipped']);
  });
});

describe('currentStepName', () => {
  it('names the step a pending request waits on, and none for an ended one', () => {
    expect(currentStepName({ status: 'pending', currentStep: 1, steps })).toBe('销售总监');
    expect(currentStepName({ status: 'approved', currentStep: 1, steps })).toBeUndefined();
  });
});
