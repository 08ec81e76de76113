import { describe, expect, it } from 'vitest';
import {
  attachmentKindOf,
  blankPipeline,
  checklistIdOf,
  kindPattern,
  nameTaken,
  pipelineBodyOf,
  pipelineFieldOf,
  pipelineValuesOf,
  stagesProblem,
} from './form-values';
import type { Pipeline } from './pipelines.api';

const noGates = { fields: [], attachments: [], checklist: [], followUp: false };
const pipeline: Pipeline = {
  id: 'p1',
  name: '制造业项目流程',
  description: null,
  isDefault: false,
  position: 1,
  version: 3,
  // Stored out of order: the form lists them by position.
  stages: [
    {
      id: 's2',
      name: '报价',
      position: 1,
      probability: 50,
      category: 'best_case',
      cadenceDays: 2,
      stalledDays: 21,
      gates: {
        fields: ['amount', 'custom.budget'],
        attachments: [{ kind: 'requirements_signed', label: '需求确认单' }],
        checklist: [{ id: 'terms', label: '付款条件已确认' }],
        followUp: true,
      },
    },
    {
      id: 's1',
      name: '线索',
      position: 0,
      probability: 5,
      category: 'pipeline',
      cadenceDays: null,
      stalledDays: null,
      gates: noGates,
    },
    {
      id: 's3',
      name: '生产',
      position: 2,
      probability: 100,
      category: 'closed_won',
      cadenceDays: null,
      stalledDays: null,
      gates: noGates,
    },
    {
      id: 's4',
      name: '输单',
      position: 3,
      probability: 0,
      category: 'closed_lost',
      cadenceDays: null,
      stalledDays: null,
      gates: noGates,
    },
  ],
};
const fixed = () => 'abc123';

describe('pipeline form values', () => {
  it('round-trips a stored pipeline: stages in order, ids, gates and empty cadence kept', () => {
    const body = pipelineBodyOf(pipelineValuesOf(pipeline), fixed);
    expect(body.stages?.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4']);
    expect(body).toMatchObject({ name: '制造业项目流程', description: null, isDefault: false });
    expect(body.stages?.[0]).toEqual({
      id: 's1',
      name: '线索',
      probability: 5,
      category: 'pipeline',
      cadenceDays: null,
      stalledDays: null,
      gates: noGates,
    });
    expect(body.stages?.[1]?.gates).toEqual(pipeline.stages[0]!.gates);
  });

  it('gives new checklist items an id and new files a kind, keeping the stored ones', () => {
    const v = pipelineValuesOf(pipeline);
    v.stages[1]!.checklist.push({ label: ' 技术方案已评审 ' }, { label: 'Site visit done' });
    v.stages[1]!.attachments.push({ label: '报价单', kind: '  ' }, { label: 'Signed quote', kind: 'quote' });
    const gates = pipelineBodyOf(v, fixed).stages?.[1]?.gates;
    expect(gates?.checklist).toEqual([
      { id: 'terms', label: '付款条件已确认' },
      { id: 'item-abc123', label: '技术方案已评审' },
      { id: 'site-visit-done-abc123', label: 'Site visit done' },
    ]);
    expect(gates?.attachments?.map((a) => a.kind)).toEqual(['requirements_signed', 'file_abc123', 'quote']);
  });

  it('never gives two items of a stage the same id', () => {
    const suffixes = ['aaaaaa', 'aaaaaa', 'bbbbbb'];
    const taken = new Set(['item-aaaaaa']);
    expect(checklistIdOf('检查', taken, () => suffixes.shift()!)).toBe('item-bbbbbb');
  });

  it('makes ids and kinds the server accepts from any label', () => {
    for (const label of [
      '付款条件',
      '  ',
      'A very long English label that goes on and on and on',
      '9 点前确认',
      '--x--',
    ]) {
      expect(checklistIdOf(label, new Set())).toMatch(/^[a-z0-9_-]{1,40}$/);
      expect(attachmentKindOf(label)).toMatch(kindPattern);
    }
    expect(attachmentKindOf('9 files', fixed)).toBe('file_9_files_abc123');
  });

  it('trims names and sends an empty description and empty days as null', () => {
    const v = blankPipeline({ open: '洽谈', won: '赢单', lost: '输单' });
    v.name = '  服务续约 ';
    v.description = '   ';
    v.stages[0]!.cadenceDays = undefined as unknown as null;
    const body = pipelineBodyOf(v, fixed);
    expect(body.name).toBe('服务续约');
    expect(body.description).toBeNull();
    expect(body.stages?.[0]).toMatchObject({ cadenceDays: null, stalledDays: null, probability: 10 });
    expect(body.stages?.map((s) => [s.category, s.probability, 'id' in s])).toEqual([
      ['pipeline', 10, false],
      ['closed_won', 100, false],
      ['closed_lost', 0, false],
    ]);
  });
});

describe('stage list rules', () => {
  const of = (...categories: Pipeline['stages'][number]['category'][]) =>
    categories.map((category) => ({ category }));
  it('asks for an open, a won and a lost stage, 2 to 20 stages', () => {
    expect(stagesProblem(of('pipeline', 'closed_won', 'closed_lost'))).toBeNull();
    expect(stagesProblem(of('closed_won'))).toBe('tooFew');
    expect(stagesProblem(of(...Array<'commit'>(21).fill('commit')))).toBe('tooMany');
    expect(stagesProblem(of('closed_won', 'closed_lost'))).toBe('noOpen');
    expect(stagesProblem(of('commit', 'closed_lost'))).toBe('noWon');
    expect(stagesProblem(of('best_case', 'closed_won'))).toBe('noLost');
  });

  it('finds a name another stage has, as the server compares them', () => {
    const stages = [{ name: '报价' }, { name: ' 报价 ' }, { name: '输单' }];
    expect(nameTaken(stages, 0, '报价')).toBe(true);
    expect(nameTaken(stages, 2, '输单')).toBe(false);
    expect(nameTaken(stages, 2, '  ')).toBe(false);
  });
});

describe('server errors on the form', () => {
  it('puts each error path on its field', () => {
    expect(pipelineFieldOf('body.name')).toEqual(['name']);
    expect(pipelineFieldOf('body.stages')).toEqual(['stages']);
    expect(pipelineFieldOf('body.stages.2.name')).toEqual(['stages', 2, 'name']);
    expect(pipelineFieldOf('body.stages.2.id')).toEqual(['stages', 2, 'name']);
    expect(pipelineFieldOf('body.stages.2.cadenceDays')).toEqual(['stages', 2, 'cadenceDays']);
    expect(pipelineFieldOf('body.stages.1.gates.fields.0')).toEqual(['stages', 1, 'fields']);
    expect(pipelineFieldOf('body.stages.1.gates.checklist.3.id')).toEqual([
      'stages',
      1,
      'checklist',
      3,
      'label',
    ]);
    expect(pipelineFieldOf('body.stages.1.gates.attachments.0.kind')).toEqual([
      'stages',
      1,
      'attachments',
      0,
      'kind',
    ]);
    expect(pipelineFieldOf('body.stages.1.gates.followUp')).toEqual(['stages', 1, 'followUp']);
    expect(pipelineFieldOf('body.moveDeals.x')).toBeNull();
    expect(pipelineFieldOf('headers.if-match')).toBeNull();
  });
});
