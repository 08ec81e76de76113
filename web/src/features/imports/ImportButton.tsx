import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportObject } from './imports.api';

const wizards: Record<ImportObject, { path: string; testId: string }> = {
  customer: { path: '/customers/import', testId: 'import-customers' },
  user: { path: '/system/users/import', testId: 'import-users' },
  lead: { path: '/leads/import', testId: 'import-leads' },
  opportunity: { path: '/opportunities/import', testId: 'import-deals' },
};

/** 导入: opens the import wizard (customers, users and departments, leads or deals), labelled `label` or 导入. */
export function ImportButton({ object = 'customer', label }: { object?: ImportObject; label?: string }) {
  const { t } = useTranslation();
  const { path, testId } = wizards[object];
  return (
    <Link to={path}>
      <Button icon={<UploadOutlined />} data-testid={testId}>
        {label ?? t('imports.importButton')}
      </Button>
    </Link>
  );
}
