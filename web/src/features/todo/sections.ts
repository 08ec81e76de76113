import type { Me } from '../../app/api-types';
import type { Todo, TodoLine } from './todo.api';

// 待办's sections in the order a rep works them, and what the page needs to know about them.

export type SectionKey = keyof Todo;
export const sectionKeys: SectionKey[] = ['followUps', 'firstContact', 'recycleSoon', 'approvals', 'stalled'];

/** A record's own page. */
export function recordHref(line: Pick<TodoLine, 'object' | 'id'>): string {
  const folder = { lead: 'leads', customer: 'customers', opportunity: 'opportunities' }[line.object];
  return `/${folder}/${line.id}`;
}

/** Everything waiting, section by section (a record due today and stalled counts in both). */
export function totalCount(todo: Todo): number {
  return sectionKeys.reduce((n, k) => n + todo[k].count, 0);
}

/** How many of a section's records the list leaves out (the server sends the first few). */
export function hiddenCount(section: { count: number; items: unknown[] }): number {
  return Math.max(0, section.count - section.items.length);
}

const recordObjects = ['lead', 'customer', 'opportunity'] as const;

/** 团队 is worth offering when the user reads leads, customers or deals beyond their own. */
export function mayViewTeam(me: Pick<Me, 'isAdmin' | 'permissions'>): boolean {
  if (me.isAdmin) return true;
  return recordObjects.some((o) => {
    const grant = me.permissions[o];
    return !!grant && grant.actions.includes('read') && grant.scope !== 'own';
  });
}
