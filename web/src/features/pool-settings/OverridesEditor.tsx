import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DepartmentSelect, useRoleOptions } from '../org';
import type { OverrideRow } from './form-values';
import { LimitInput } from './LimitInput';

/** 特殊限制: other claim limits for a department (and below) or a role, instead of the pool's own. */
export function OverridesEditor() {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const form = Form.useFormInstance();
  const kinds: OverrideRow['kind'][] = ['department', 'role'];
  return (
    <Form.List name="overrides">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} data-testid="pool-overrides">
          {fields.length === 0 && (
            <Typography.Text type="secondary">{t('poolSettings.noOverrides')}</Typography.Text>
          )}
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              title={t('poolSettings.overrideN', { n: i + 1 })}
              extra={
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => remove(f.name)}
                />
              }
              styles={{ body: { paddingBottom: 0 } }}
            >
              <Row gutter={8}>
                <Col xs={24} sm={8}>
                  <Form.Item name={[f.name, 'kind']} label={t('poolSettings.overrideKind')}>
                    <Select
                      options={kinds.map((k) => ({ value: k, label: t(`poolSettings.overrideKinds.${k}`) }))}
                      onChange={() => form.setFieldValue(['overrides', f.name, 'target'], undefined)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={16}>
                  <Form.Item noStyle dependencies={[['overrides', f.name, 'kind']]}>
                    {() => (
                      <Form.Item
                        name={[f.name, 'target']}
                        label={t('poolSettings.overrideTarget')}
                        rules={[{ required: true, message: t('poolSettings.overrideTargetRequired') }]}
                      >
                        {form.getFieldValue(['overrides', f.name, 'kind']) === 'role' ? (
                          <Select options={roleOptions} placeholder={t('poolSettings.chooseRole')} />
                        ) : (
                          <DepartmentSelect placeholder={t('poolSettings.chooseDepartment')} />
                        )}
                      </Form.Item>
                    )}
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name={[f.name, 'dailyClaimLimit']}
                    label={t('poolSettings.fields.dailyClaimLimit')}
                  >
                    <LimitInput allowInherit />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={[f.name, 'ownershipCap']} label={t('poolSettings.fields.ownershipCap')}>
                    <LimitInput allowInherit fallback={100} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ kind: 'department', dailyClaimLimit: undefined, ownershipCap: undefined })}
            data-testid="add-pool-override"
          >
            {t('poolSettings.addOverride')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
