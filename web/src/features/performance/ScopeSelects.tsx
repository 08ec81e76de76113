import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { usePipelines } from '../opportunities/opportunities.api';
import { useDepartments } from '../org/departments/departments.api';

type Props = {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  style: CSSProperties;
  testId: string;
};

/** 全部销售流程 or one pipeline: what the forecast and dashboards are filtered by. */
export function PipelineSelect({ value, onChange, style, testId }: Props) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  return (
    <Select
      allowClear
      placeholder={t('forecast.allPipelines')}
      value={value}
      onChange={onChange}
      options={(pipelines.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
      style={style}
      aria-label={t('forecast.allPipelines')}
      data-testid={testId}
    />
  );
}

/** 全部部门 or one department (with everything below it), searchable by name. */
export function DepartmentSelect({ value, onChange, style, testId }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments();
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('forecast.allDepartments')}
      value={value}
      onChange={onChange}
      options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
      style={style}
      aria-label={t('forecast.allDepartments')}
      data-testid={testId}
    />
  );
}
