import { ApartmentOutlined, InboxOutlined } from '@ant-design/icons';
import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserName } from '../custom-fields';
import { useDepartments } from '../org';
import { usePools } from '../pool-settings';
import type { AssignmentRule } from './lead-rules.api';

function UserTag({ id, weight }: { id: string; weight?: number }) {
  const { t } = useTranslation();
  const name = useUserName(id);
  return (
    <Tag style={{ marginInlineEnd: 0 }}>
      {name}
      {weight !== undefined && ` · ${t('leadRules.assignment.weight', { n: weight })}`}
    </Tag>
  );
}

/** A lead pool's name; one the viewer may not see reads 「一个线索池」. */
export function usePoolName(): (id: string | undefined) => string {
  const { t } = useTranslation();
  const pools = usePools('lead');
  return (id) => pools.data?.find((p) => p.id === id)?.name ?? t('leadRules.assignment.somePool');
}

/** Where a rule sends leads, in words: the people (with their weights), a department and below, a pool. */
export function TargetText({ rule }: { rule: AssignmentRule }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const poolName = usePoolName();
  const one = rule.targetIds[0];
  if (rule.targetType === 'department') {
    const name = departments.data?.find((d) => d.id === one)?.name;
    return (
      <span>
        <ApartmentOutlined />{' '}
        {t('leadRules.assignment.departmentTarget', {
          name: name ?? t('leadRules.assignment.someDepartment'),
        })}
      </span>
    );
  }
  if (rule.targetType === 'pool')
    return (
      <span>
        <InboxOutlined /> {poolName(one)}
      </span>
    );
  const weighted = rule.method === 'weighted';
  return (
    <Flex gap={4} wrap>
      {rule.targetIds.map((id) => (
        <UserTag key={id} id={id} weight={weighted ? (rule.weights[id] ?? 1) : undefined} />
      ))}
    </Flex>
  );
}
