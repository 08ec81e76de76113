import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoleOptions } from '../org';
import { useLevelName } from './labels';
import { UsersSelect } from './UsersSelect';

/** 抄送: who is told how a request ended (and may read it) — named people, roles, the submitter's manager. */
export function CcEditor() {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const levelName = useLevelName();
  return (
    <Row gutter={12} data-testid="flow-cc">
      <Col xs={24}>
        <Form.Item name="ccUserIds" label={t('approvalFlows.cc.users')}>
          <UsersSelect placeholder={t('approvalFlows.chooseUsers')} testId="flow-cc-users" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="ccRoleKeys" label={t('approvalFlows.cc.roles')}>
          <Select
            mode="multiple"
            allowClear
            options={roleOptions}
            placeholder={t('approvalFlows.chooseRole')}
            data-testid="flow-cc-roles"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="ccManagerLevel" label={t('approvalFlows.cc.manager')}>
          <Select
            options={[
              { value: 0, label: t('approvalFlows.cc.noManager') },
              ...[1, 2, 3, 4, 5].map((l) => ({ value: l, label: levelName(l) })),
            ]}
            data-testid="flow-cc-manager"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
