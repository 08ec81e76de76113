import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useDepartments } from './departments.api';
import { buildTree, treeOptions } from './tree';

type Props = {
  value?: string;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Ids that cannot be chosen (e.g. a department and its sub-departments when moving it). */
  disabledIds?: Set<string>;
  style?: React.CSSProperties;
};

/** Picks a department from the org tree, searchable by name. */
export function DepartmentSelect({ value, onChange, placeholder, allowClear, disabledIds, style }: Props) {
  const departments = useDepartments();
  const options = useMemo(
    () => treeOptions(buildTree(departments.data ?? []), disabledIds),
    [departments.data, disabledIds],
  );
  return (
    <TreeSelect
      value={value}
      onChange={onChange}
      treeData={options}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={departments.isPending}
      style={{ width: '100%', ...style }}
      data-testid="department-select"
    />
  );
}
