import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { kindPattern } from './form-values';
import type { KnownKind } from './StagesEditor';
import { useGateFieldOptions } from './use-gate-field-options';

type Props = { name: number; knownKinds: KnownKind[] };

const maxAttachments = 10;
const maxChecklist = 20;

/** 阶段要求: what a deal needs to enter the stage — fields, files, checklist items, a follow-up. */
export function GatesEditor({ name, knownKinds }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const g = (k: string) => t(`pipelineSettings.gates.${k}` as 'pipelineSettings.gates.title');
  const chosen: string[] = Form.useWatch(['stages', name, 'fields'], form) ?? [];
  const fieldOptions = useGateFieldOptions(chosen);
  const removeButton = (onClick: () => void, testId: string) => (
    <Button
      type="text"
      icon={<DeleteOutlined />}
      aria-label={t('common.delete')}
      onClick={onClick}
      data-testid={testId}
    />
  );

  return (
    <div data-testid="stage-gates">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {g('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {g('hint')}
      </Typography.Paragraph>
      <Form.Item name={[name, 'fields']} label={g('fields')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={g('fieldsPlaceholder')}
          options={fieldOptions}
          optionFilterProp="label"
          maxCount={30}
          data-testid="gate-fields"
        />
      </Form.Item>

      <Form.Item label={g('attachments')} tooltip={g('attachmentKindHint')} style={{ marginBottom: 12 }}>
        <Form.List name={[name, 'attachments']}>
          {(rows, { add, remove }) => (
            <Flex vertical gap={8}>
              {rows.map((row) => (
                <Flex key={row.key} gap={8} align="start" wrap data-testid="gate-attachment">
                  <Form.Item
                    name={[row.name, 'label']}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('common.required', { field: g('attachmentLabel') }),
                      },
                    ]}
                    style={{ flex: '2 1 200px', marginBottom: 0 }}
                  >
                    <Input
                      maxLength={100}
                      placeholder={g('attachmentLabelPlaceholder')}
                      data-testid="gate-attachment-label"
                    />
                  </Form.Item>
                  <Flex gap={4} style={{ flex: '1 1 160px' }}>
                    <Form.Item
                      name={[row.name, 'kind']}
                      rules={[{ pattern: kindPattern, message: g('kindFormat') }]}
                      style={{ flex: 1, marginBottom: 0 }}
                    >
                      <AutoComplete
                        options={knownKinds.map((k) => ({ value: k.kind, label: `${k.label} · ${k.kind}` }))}
                        placeholder={g('attachmentKindPlaceholder')}
                        aria-label={g('attachmentKind')}
                        filterOption={(typed, option) =>
                          !!option?.label?.toString().toLowerCase().includes(typed.toLowerCase())
                        }
                        onSelect={(kind: string) => {
                          // Asking for a known file: its label comes along when none was typed.
                          const path = ['stages', name, 'attachments', row.name, 'label'];
                          if (!form.getFieldValue(path)?.trim())
                            form.setFieldValue(path, knownKinds.find((k) => k.kind === kind)?.label);
                        }}
                        data-testid="gate-attachment-kind"
                      />
                    </Form.Item>
                    {removeButton(() => remove(row.name), 'remove-gate-attachment')}
                  </Flex>
                </Flex>
              ))}
              {rows.length < maxAttachments && (
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ label: '' })}
                  style={{ alignSelf: 'start' }}
                  data-testid="add-gate-attachment"
                >
                  {g('addAttachment')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      </Form.Item>

      <Form.Item label={g('checklist')} style={{ marginBottom: 12 }}>
        <Form.List name={[name, 'checklist']}>
          {(rows, { add, remove }) => (
            <Flex vertical gap={8}>
              {rows.map((row) => (
                <Flex key={row.key} gap={4} align="start" data-testid="gate-checklist-item">
                  <Form.Item
                    name={[row.name, 'label']}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('common.required', { field: g('checklist') }),
                      },
                    ]}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <Input
                      maxLength={100}
                      placeholder={g('checklistPlaceholder')}
                      data-testid="gate-checklist-label"
                    />
                  </Form.Item>
                  {removeButton(() => remove(row.name), 'remove-gate-checklist')}
                </Flex>
              ))}
              {rows.length < maxChecklist && (
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ label: '' })}
                  style={{ alignSelf: 'start' }}
                  data-testid="add-gate-checklist"
                >
                  {g('addChecklist')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      </Form.Item>

      <Form.Item
        name={[name, 'followUp']}
        label={g('followUp')}
        valuePropName="checked"
        extra={g('followUpHint')}
        style={{ marginBottom: 0 }}
      >
        <Switch data-testid="gate-follow-up" />
      </Form.Item>
    </div>
  );
}
