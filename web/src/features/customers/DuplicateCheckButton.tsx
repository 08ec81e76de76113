import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { lazyPage, useIsPhone } from '../../components';

const DuplicateCheckDrawer = lazyPage(() => import('./DuplicateCheckDrawer'), 'DuplicateCheckDrawer');

/** 查重 in the top bar (icon and text on a desktop, icon on a phone), for users who may read customers. */
export function DuplicateCheckButton() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  if (!can('customer', 'read')) return null;
  return (
    <>
      <Tooltip title={phone ? t('header.duplicateCheck') : undefined}>
        <Button
          type="text"
          icon={<SafetyCertificateOutlined />}
          aria-label={t('header.duplicateCheck')}
          onClick={() => {
            setLoaded(true);
            setOpen(true);
          }}
          data-testid="header-duplicate-check"
        >
          {!phone && t('header.duplicateCheck')}
        </Button>
      </Tooltip>
      {loaded && (
        <Suspense fallback={null}>
          <DuplicateCheckDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
