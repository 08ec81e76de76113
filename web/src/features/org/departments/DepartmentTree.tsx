import { Flex, Tooltip, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import type { DeptNode } from './tree';

type Props = { roots: DeptNode[]; selectedId?: string; onSelect: (id: string) => void };

/** The org chart; each department shows its head count including sub-departments. */
export function DepartmentTree({ roots, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const toData = (n: DeptNode): DataNode => ({
    key: n.id,
    title: (
      <Flex gap={6} align="center" data-testid={`dept-${n.name}`}>
        <span>{n.name}</span>
        <Tooltip title={t('departments.headcountHint', { total: n.total, direct: n.memberCount })}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({n.total})
          </Typography.Text>
        </Tooltip>
      </Flex>
    ),
    children: n.children.map(toData),
  });
  return (
    <Tree
      blockNode
      defaultExpandAll
      treeData={roots.map(toData)}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
    />
  );
}
