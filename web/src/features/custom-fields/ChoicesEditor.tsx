import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

const keyRule = /^[a-z][a-z0-9_]{0,39}$/;

/** 选项 of a select field: a stable key (stored in records) and a Chinese and an English label each. */
export function ChoicesEditor() {
  const { t } = useTranslation();
  return (
    <Form.List
      name={['options', 'choices']}
      rules={[
        {
          validator: async (_, v?: unknown[]) => {
            if (!v?.length) throw new Error(t('customFields.choicesRequired'));
          },
        },
      ]}
    >
      {(items, { add, remove }, { errors }) => (
        <Flex vertical gap={8} data-testid="choices-editor">
          {items.map((item, i) => (
            <Flex key={item.key} gap={6} align="start">
              <Form.Item
                name={[item.name, 'labelZh']}
                rules={[{ required: true, whitespace: true, message: t('customFields.choiceZh') }]}
                style={{ flex: 2, marginBottom: 0 }}
              >
                <Input
                  placeholder={t('customFields.choiceZh')}
                  maxLength={50}
                  data-testid={`choice-zh-${i}`}
                />
              </Form.Item>
              <Form.Item
                name={[item.name, 'labelEn']}
                rules={[{ required: true, whitespace: true, message: t('customFields.choiceEn') }]}
                style={{ flex: 2, marginBottom: 0 }}
              >
                <Input
                  placeholder={t('customFields.choiceEn')}
                  maxLength={50}
                  data-testid={`choice-en-${i}`}
                />
              </Form.Item>
              <Form.Item
                name={[item.name, 'key']}
                rules={[{ required: true, pattern: keyRule, message: t('customFields.keyInvalid') }]}
                style={{ flex: 1.5, marginBottom: 0 }}
              >
                <Input
                  placeholder={t('customFields.choiceKey')}
                  maxLength={40}
                  data-testid={`choice-key-${i}`}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('customFields.removeChoice')}
                onClick={() => remove(item.name)}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ labelZh: '', labelEn: '', key: `option_${items.length + 1}` })}
            data-testid="add-choice"
          >
            {t('customFields.addChoice')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
