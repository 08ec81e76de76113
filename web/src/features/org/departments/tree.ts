import type { Department } from '../../../app/api-types';

export type DeptNode = Department & { children: DeptNode[]; total: number };

/** Builds the tree (roots first, in server order) and each department's head count with its sub-departments. */
export function buildTree(list: Department[]): DeptNode[] {
  const nodes = new Map<string, DeptNode>(list.map((d) => [d.id, { ...d, children: [], total: 0 }]));
  const roots: DeptNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sum = (n: DeptNode): number => {
    n.total = n.memberCount + n.children.reduce((s, c) => s + sum(c), 0);
    return n.total;
  };
  roots.forEach(sum);
  return roots;
}

/** The ids of a department and everything below it (it cannot be moved under any of them). */
export function subtreeIds(node: DeptNode): Set<string> {
  const ids = new Set<string>();
  const walk = (n: DeptNode) => {
    ids.add(n.id);
    n.children.forEach(walk);
  };
  walk(node);
  return ids;
}

export function findNode(roots: DeptNode[], id: string | undefined): DeptNode | undefined {
  if (!id) return undefined;
  for (const r of roots) {
    if (r.id === id) return r;
    const hit = findNode(r.children, id);
    if (hit) return hit;
  }
  return undefined;
}

/** For antd TreeSelect: the department choices, with some disabled. */
export type TreeOption = { value: string; title: string; disabled?: boolean; children: TreeOption[] };

export function treeOptions(roots: DeptNode[], disabled: Set<string> = new Set()): TreeOption[] {
  return roots.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: disabled.has(n.id),
    children: treeOptions(n.children, disabled),
  }));
}
