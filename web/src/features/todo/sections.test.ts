import { describe, expect, it } from 'vitest';
import { hiddenCount, mayViewTeam, recordHref, totalCount } from './sections';
import type { Todo } from './todo.api';

const empty = { count: 0, items: [] };
const grant = (scope: string, actions = ['read']) => ({ scope, actions });

describe('待办 sections', () => {
  it('links each record to its own page', () => {
    expect(recordHref({ object: 'lead', id: 'a' })).toBe('/leads/a');
    expect(recordHref({ object: 'customer', id: 'b' })).toBe('/customers/b');
    expect(recordHref({ object: 'opportunity', id: 'c' })).toBe('/opportunities/c');
  });

  it('adds up every section for the badge', () => {
    const todo: Todo = {
      followUps: { count: 3, overdue: 1, items: [] },
      firstContact: { count: 2, items: [] },
      recycleSoon: empty,
      approvals: { count: 4, items: [] },
      stalled: { count: 1, items: [] },
    };
    expect(totalCount(todo)).toBe(10);
  });

  it('says how many records the list leaves out, never a negative number', () => {
    expect(hiddenCount({ count: 12, items: new Array(10) })).toBe(2);
    expect(hiddenCount({ count: 3, items: new Array(3) })).toBe(0);
    expect(hiddenCount({ count: 0, items: new Array(1) })).toBe(0);
  });

  it('offers 团队 only to those who read records beyond their own', () => {
    expect(mayViewTeam({ isAdmin: true, permissions: {} })).toBe(true);
    expect(mayViewTeam({ isAdmin: false, permissions: { lead: grant('own'), customer: grant('own') } })).toBe(
      false,
    );
    expect(mayViewTeam({ isAdmin: false, permissions: { opportunity: grant('department') } })).toBe(true);
    // A wide scope on another object, or without read, does not count.
    expect(mayViewTeam({ isAdmin: false, permissions: { script: grant('all') } })).toBe(false);
    expect(mayViewTeam({ isAdmin: false, permissions: { lead: grant('all', ['create']) } })).toBe(false);
  });
});
