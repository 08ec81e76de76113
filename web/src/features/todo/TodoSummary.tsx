import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { sectionKeys } from './sections';
import { useTodo } from './todo.api';

/** The home page's glance at 待办: each section's count, all linking to the page. */
export function TodoSummary() {
  const { t } = useTranslation();
  const todo = useTodo('mine');
  if (!todo.data) return null;
  const d = todo.data;
  return (
    <Card
      title={t('todo.summaryTitle')}
      extra={<Link to="/todo">{t('todo.openTodo')}</Link>}
      data-testid="todo-summary"
    >
      <Flex wrap gap={16}>
        {sectionKeys.map((k) => (
          <Link key={k} to="/todo" style={{ minWidth: 120 }} data-testid={`todo-summary-${k}`}>
            <Flex vertical gap={2}>
              <Typography.Text type="secondary">{t(`todo.sections.${k}`)}</Typography.Text>
              <Flex gap={8} align="baseline">
                <Typography.Text strong style={{ fontSize: 22 }}>
                  {d[k].count}
                </Typography.Text>
                {k === 'followUps' && d.followUps.overdue > 0 && (
                  <Typography.Text type="danger">
                    {t('todo.overdue', { count: d.followUps.overdue })}
                  </Typography.Text>
                )}
              </Flex>
            </Flex>
          </Link>
        ))}
      </Flex>
    </Card>
  );
}
