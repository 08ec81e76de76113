import { useTranslation } from 'react-i18next';
import type { Customer } from '../../app/api-types';
import { RecordTimeline } from '../audit';
import { customersKey } from './customers.api';
import { changesOf } from './timeline';

/** 操作日志 of a customer, with each changed field before → after. */
export function CustomerTimeline({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  return (
    <RecordTimeline
      object="customer"
      id={customer.id}
      queryKey={customersKey}
      ns="customers"
      changesOf={(e) => changesOf(t, e, customer)}
    />
  );
}
