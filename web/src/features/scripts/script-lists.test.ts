import { describe, expect, it } from 'vitest';
import { choices, replaceScript, stageNames, stageOptions } from './script-lists';

const pipelines = [
  {
    id: 'p1',
    name: '制造业销售流程',
    stages: [
      { id: 'b', name: '报价', position: 2 },
      { id: 'a', name: '需求调研', position: 1 },
    ],
  },
  { id: 'p2', name: '通用 B2B', stages: [{ id: 'c', name: '商务谈判', position: 1 }] },
];

describe('话术库 helpers', () => {
  it('replaces only the script that changed, keeping the order of the cards', () => {
    const list = [
      { id: '1', useCount: 5 },
      { id: '2', useCount: 3 },
    ];
    expect(replaceScript(list, { id: '2', useCount: 9 })).toEqual([
      { id: '1', useCount: 5 },
      { id: '2', useCount: 9 },
    ]);
  });

  it('offers each filter value once, the most used first', () => {
    expect(choices(['需求挖掘', '异议处理', '异议处理', '促成签约'])).toEqual([
      '异议处理',
      '促成签约',
      '需求挖掘',
    ]);
    expect(choices([])).toEqual([]);
  });

  it('groups the stage picker by pipeline, stages in their order', () => {
    expect(stageOptions(pipelines)).toEqual([
      {
        label: '制造业销售流程',
        title: '制造业销售流程',
        options: [
          { value: 'a', label: '需求调研' },
          { value: 'b', label: '报价' },
        ],
      },
      { label: '通用 B2B', title: '通用 B2B', options: [{ value: 'c', label: '商务谈判' }] },
    ]);
  });

  it('names a script’s stages in pipeline order and drops stages that are gone', () => {
    expect(stageNames(['c', 'b', 'gone', 'a'], pipelines)).toEqual(['需求调研', '报价', '商务谈判']);
  });
});
