// Pure helpers of the 话术库 page: the cards after a use or rating, the filters' choices, the stage picker.

type HasId = { id: string };

/** The list with one script replaced by its new state (a copy counted, a rating given). */
export function replaceScript<T extends HasId>(list: T[], next: T): T[] {
  return list.map((s) => (s.id === next.id ? next : s));
}

/** The distinct values of the scripts for a filter, most frequent first, then by name. */
export function choices(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
    .map(([v]) => v);
}

type Stage = { id: string; name: string; position: number };
type Pipeline = { id: string; name: string; stages: Stage[] };

/** The stage picker's options: one group per pipeline, its stages in order. */
export function stageOptions(pipelines: Pipeline[]) {
  return pipelines.map((p) => ({
    label: p.name,
    title: p.name,
    options: [...p.stages]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ value: s.id, label: s.name })),
  }));
}

/** The names of a script's stages, in pipeline order; stages no longer present are left out. */
export function stageNames(stageIds: string[], pipelines: Pipeline[]): string[] {
  const wanted = new Set(stageIds);
  return pipelines.flatMap((p) =>
    [...p.stages]
      .sort((a, b) => a.position - b.position)
      .filter((s) => wanted.has(s.id))
      .map((s) => s.name),
  );
}
