import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConditionInputs } from './ConditionInputs';
import type { ConditionRow } from './form-values';

const newCondition: ConditionRow = { field: 'province', op: 'in', words: [], number: null };
/** As many as the server takes. */
const maxConditions = 10;

/** An assignment rule's conditions, each in a card (they must all hold); none means every lead. */
export function ConditionsEditor() {
  const { t } = useTranslation();
  const a = (k: string) => t(`leadRules.assignment.${k}` as 'leadRules.assignment.addCondition');
  return (
    <Form.List name="conditions">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} data-testid="assignment-conditions">
          {fields.length === 0 && <Typography.Text type="secondary">{a('noConditions')}</Typography.Text>}
          {fields.map((c, i) => (
            <Card
              key={c.key}
              size="small"
              title={t('leadRules.assignment.conditionN', { n: i + 1 })}
              extra={
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => remove(c.name)}
                />
              }
            >
              <ConditionInputs
                path={['conditions', c.name]}
                name={[c.name]}
                withScore
                testId={`assignment-condition-${i}`}
              />
            </Card>
          ))}
          {fields.length < maxConditions && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add(newCondition)}
              data-testid="add-assignment-condition"
            >
              {a('addCondition')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
