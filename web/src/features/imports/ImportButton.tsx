import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportObject } from './imports.api';

/** 导入: opens the import wizard (from the customer list, or for users and departments from the user list). */
export function ImportButton({ object = 'customer' }: { object?: ImportObject }) {
  const { t } = useTranslation();
  return (
    <Link to={object === 'user' ? '/system/users/import' : '/customers/import'}>
      <Button icon={<UploadOutlined />} data-testid={object === 'user' ? 'import-users' : 'import-customers'}>
        {t('imports.importButton')}
      </Button>
    </Link>
  );
}
