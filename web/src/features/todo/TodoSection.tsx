import { Badge, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hiddenCount, type SectionKey } from './sections';
import { ApprovalLine, RecordLine } from './TodoLines';
import type { Todo } from './todo.api';

/** One 待办 card: its title and true count, its first items, and how many more there are. */
export function TodoSection({
  todo,
  section,
  showOwner,
}: {
  todo: Todo;
  section: SectionKey;
  showOwner: boolean;
}) {
  const { t } = useTranslation();
  const data = todo[section];
  const hidden = hiddenCount(data);
  const title = (
    <Flex gap={8} align="center" wrap>
      {t(`todo.sections.${section}`)}
      <Badge
        count={data.count}
        showZero
        overflowCount={9999}
        color={data.count ? '#1677ff' : '#bfbfbf'}
        data-testid={`todo-${section}-count`}
      />
      {section === 'followUps' && todo.followUps.overdue > 0 && (
        <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="todo-followUps-overdue">
          {t('todo.overdue', { count: todo.followUps.overdue })}
        </Tag>
      )}
    </Flex>
  );
  return (
    <Card
      title={title}
      size="small"
      data-testid={`todo-${section}`}
      data-count={data.count}
      extra={section === 'approvals' && <Link to="/approvals">{t('todo.viewAll')}</Link>}
      style={{ height: '100%' }}
    >
      {data.count === 0 && data.items.length === 0 ? (
        <Typography.Text type="secondary" data-testid="todo-empty">
          {t(`todo.empty.${section}`)}
        </Typography.Text>
      ) : (
        <Flex vertical>
          {section === 'approvals'
            ? todo.approvals.items.map((a, i) => <ApprovalLine key={a.id} item={a} ruled={i > 0} />)
            : todo[section].items.map((l, i) => (
                <RecordLine
                  key={`${l.object}-${l.id}`}
                  line={l}
                  section={section}
                  showOwner={showOwner}
                  ruled={i > 0}
                />
              ))}
          {hidden > 0 && (
            <Typography.Text type="secondary" style={{ paddingTop: 8 }} data-testid="todo-hidden">
              {t('todo.more', { count: hidden })}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}
