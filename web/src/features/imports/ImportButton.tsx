import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** 导入: opens the import wizard. */
export function ImportButton() {
  const { t } = useTranslation();
  return (
    <Link to="/customers/import">
      <Button icon={<UploadOutlined />} data-testid="import-customers">
        {t('imports.importButton')}
      </Button>
    </Link>
  );
}
