import { Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { AccessObject } from '../../../app/api-types';
import { currentLanguage } from '../../../app/i18n';
import { useIsPhone } from '../../../components';
import { ActionChecks, MaskChecks, type Matrix, ScopeSelect } from './grant-controls';

export type { Matrix } from './grant-controls';

type Props = { objects: AccessObject[]; value: Matrix; onChange: (m: Matrix) => void; disabled: boolean };

/** One row per object: the actions granted, the data scope they reach, and the fields masked. */
export function PermissionMatrix({ objects, ...rest }: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const label = (o: AccessObject) => o.label[currentLanguage()];

  if (phone) {
    // Stacked per object on a phone: every control visible without sideways scrolling.
    return (
      <Flex vertical data-testid="permission-matrix">
        {objects.map((o) => (
          <Flex key={o.key} vertical gap={8} style={{ padding: 16, borderTop: '1px solid #f0f0f0' }}>
            <Typography.Text strong>{label(o)}</Typography.Text>
            <ActionChecks object={o} {...rest} />
            <Flex align="center" gap={8} wrap>
              <Typography.Text type="secondary">{t('roles.scope')}</Typography.Text>
              <ScopeSelect object={o} {...rest} />
            </Flex>
            {o.maskable.length > 0 && (
              <Flex align="center" gap={8} wrap>
                <Typography.Text type="secondary">{t('roles.masked')}</Typography.Text>
                <MaskChecks object={o} {...rest} />
              </Flex>
            )}
          </Flex>
        ))}
      </Flex>
    );
  }

  const columns: ColumnsType<AccessObject> = [
    { title: t('roles.object'), key: 'object', render: (_, o) => label(o), width: 140 },
    { title: t('roles.actions'), key: 'actions', render: (_, o) => <ActionChecks object={o} {...rest} /> },
    {
      title: t('roles.scope'),
      key: 'scope',
      width: 170,
      render: (_, o) => <ScopeSelect object={o} {...rest} />,
    },
    { title: t('roles.masked'), key: 'masked', render: (_, o) => <MaskChecks object={o} {...rest} /> },
  ];
  return (
    <Table<AccessObject>
      rowKey="key"
      columns={columns}
      dataSource={objects}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="permission-matrix"
    />
  );
}
