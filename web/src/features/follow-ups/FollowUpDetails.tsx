import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ContactsSelect } from '../opportunities/ContactsSelect';
import { DurationInput } from './DurationInput';

/** 更多 of 写跟进: 时长, 客户需求, 下一步 and, where the record has a customer, 参与联系人. */
export function FollowUpDetails({ customerId }: { customerId: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="durationMinutes" label={t('followUps.duration')}>
        <DurationInput />
      </Form.Item>
      <Form.Item name="needs" label={t('followUps.needs')}>
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={t('followUps.needsPlaceholder')}
          data-testid="follow-up-needs"
        />
      </Form.Item>
      <Form.Item name="nextStep" label={t('followUps.nextStep')}>
        <Input
          maxLength={500}
          placeholder={t('followUps.nextStepPlaceholder')}
          data-testid="follow-up-next-step"
        />
      </Form.Item>
      {customerId && (
        <div data-testid="follow-up-contacts">
          <Form.Item name="contactIds" label={t('followUps.contacts')} rules={[{ type: 'array', max: 10 }]}>
            <ContactsSelect customerId={customerId} />
          </Form.Item>
        </div>
      )}
    </>
  );
}
