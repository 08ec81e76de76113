import { Card, Col, Empty, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, PageHeader, PageSpinner } from '../../../components';
import { DepartmentMembers } from './DepartmentMembers';
import { DepartmentToolbar } from './DepartmentToolbar';
import { DepartmentTree } from './DepartmentTree';
import { useDepartments } from './departments.api';
import { buildTree, findNode } from './tree';

/** 组织架构: the department tree on the left, the selected department's actions and members on the right. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const roots = useMemo(() => buildTree(departments.data ?? []), [departments.data]);
  const [selectedId, setSelectedId] = useState<string>();
  const selected = findNode(roots, selectedId) ?? roots[0];

  if (departments.isPending) return <PageSpinner />;
  if (departments.isError)
    return <LoadError error={departments.error} onRetry={() => void departments.refetch()} />;
  return (
    <>
      <PageHeader title={t('departments.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={7}>
          <Card title={t('departments.tree')} styles={{ body: { padding: 12, overflowX: 'auto' } }}>
            <DepartmentTree roots={roots} selectedId={selected?.id} onSelect={setSelectedId} />
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={17}>
          <Card>
            {selected ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="selected-department">
                  {selected.name}{' '}
                  <Typography.Text type="secondary">
                    {t('departments.headcount', { count: selected.total })}
                  </Typography.Text>
                </Typography.Title>
                <DepartmentToolbar
                  dept={selected}
                  onCreated={setSelectedId}
                  onDeleted={() => setSelectedId(selected.parentId ?? undefined)}
                />
                <DepartmentMembers dept={selected} />
              </>
            ) : (
              <Empty description={t('departments.selectHint')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
