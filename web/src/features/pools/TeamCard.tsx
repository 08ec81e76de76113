import { HistoryOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../app/api-types';
import { Time, useIsPhone } from '../../components';
import { CollaboratorsPanel } from './CollaboratorsPanel';
import { OwnershipHistory } from './OwnershipHistory';

/** 负责人与协作人: who has the customer (or which pool holds it), who follows it with them, and its history. */
export function TeamCard({ customer: c }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [history, setHistory] = useState(false);
  return (
    <Card
      title={t('poolsRep.team')}
      extra={
        <Button
          type="link"
          size="small"
          icon={<HistoryOutlined />}
          onClick={() => setHistory(true)}
          data-testid="ownership-history-open"
        >
          {t('poolsRep.history.tab')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center" data-testid="owner-line">
          {c.ownerName ? (
            <>
              <Typography.Text strong>{c.ownerName}</Typography.Text>
              {c.ownedSince && (
                <Typography.Text type="secondary">
                  {t('poolsRep.ownedSince')} <Time ms={c.ownedSince} />
                </Typography.Text>
              )}
            </>
          ) : (
            <Tag color="blue">{t('poolsRep.inPool', { pool: c.poolName ?? t('poolsRep.pool') })}</Tag>
          )}
        </Flex>
        <CollaboratorsPanel customerId={c.id} canEdit={c.myAccess.share} />
      </Flex>
      <Drawer
        open={history}
        onClose={() => setHistory(false)}
        title={t('poolsRep.history.tab')}
        width={phone ? '100%' : 480}
        destroyOnHidden
      >
        <OwnershipHistory id={c.id} />
      </Drawer>
    </Card>
  );
}
