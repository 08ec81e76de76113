import { Button, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../app/api-types';
import { useShowProblem } from '../../components';
import { locate } from '../follow-ups/check-in';
import { useCustomerMutations } from './customers.api';

/**
 * 位置: where the customer is, for the distance of a visit's check-in. Standing at the customer, 用当前位置
 * records the phone's position (as the browser reports it); 清除 forgets it. No map: the product makes no
 * calls outside the org's own server.
 */
export function CustomerLocation({ customer: c, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const { update } = useCustomerMutations();
  const showProblem = useShowProblem();
  const [failed, setFailed] = useState<string>();
  const [locating, setLocating] = useState(false);
  const here = async () => {
    setLocating(true);
    setFailed(undefined);
    const at = await locate();
    setLocating(false);
    if (at.status !== 'located') return setFailed(t(`followUps.checkIn.${at.status}`));
    update.mutate(
      { customer: c, changes: { location: { lat: at.lat, lng: at.lng } } },
      { onError: (e) => showProblem(e) },
    );
  };
  return (
    <Flex vertical gap={2} data-testid="customer-location">
      <Typography.Text
        type={c.location ? undefined : 'secondary'}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {c.location
          ? t('customers.location.at', { lat: c.location.lat.toFixed(6), lng: c.location.lng.toFixed(6) })
          : t('customers.location.unknown')}
      </Typography.Text>
      {failed && <Typography.Text type="danger">{failed}</Typography.Text>}
      {canEdit && (
        <Flex gap={8} wrap>
          <Button
            size="small"
            loading={locating || update.isPending}
            onClick={() => void here()}
            data-testid="customer-location-here"
          >
            {t('customers.location.here')}
          </Button>
          {c.location && (
            <Popconfirm
              title={t('customers.location.clearConfirm')}
              onConfirm={() =>
                update.mutate(
                  { customer: c, changes: { location: null } },
                  { onError: (e) => showProblem(e) },
                )
              }
            >
              <Button size="small" type="link" data-testid="customer-location-clear">
                {t('customers.location.clear')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
    </Flex>
  );
}
