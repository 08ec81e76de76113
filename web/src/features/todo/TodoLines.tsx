import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Time } from '../../components';
import { recordHref, type SectionKey } from './sections';
import type { TodoApproval, TodoLine } from './todo.api';

/** A line of a section; lines after the first are set off by a rule. */
function Line({ title, meta, ruled }: { title: ReactNode; meta: ReactNode; ruled: boolean }) {
  return (
    <Flex
      vertical
      gap={2}
      style={{ padding: '8px 0', borderTop: ruled ? '1px solid rgba(5,5,5,0.06)' : undefined }}
      data-testid="todo-line"
    >
      {title}
      <Flex gap={8} wrap align="center" style={{ fontSize: 13 }}>
        {meta}
      </Flex>
    </Flex>
  );
}

/** One record of a section: its name (to its page), what it is, when it is due, whose it is. */
export function RecordLine({
  line,
  section,
  showOwner,
  ruled,
}: {
  ruled: boolean;
  line: TodoLine;
  section: Exclude<SectionKey, 'approvals'>;
  showOwner: boolean;
}) {
  const { t } = useTranslation();
  // Sections that mix leads, customers and deals say which one a line is.
  const mixed = section === 'followUps' || section === 'recycleSoon';
  return (
    <Line
      ruled={ruled}
      title={
        <Flex gap={6} align="center" wrap>
          {mixed && <Tag style={{ marginInlineEnd: 0 }}>{t(`todo.objects.${line.object}`)}</Tag>}
          <Link
            to={recordHref(line)}
            style={{ fontWeight: 500, wordBreak: 'break-word' }}
            data-testid="todo-link"
          >
            {line.name}
          </Link>
        </Flex>
      }
      meta={
        <>
          {/* A stalled deal is late by definition: its date reads plainly, its stage says the rest. */}
          <Typography.Text type={line.overdue && section !== 'stalled' ? 'danger' : 'secondary'}>
            {t(`todo.when.${section}`)} <Time ms={line.at} relative={section === 'stalled'} />
          </Typography.Text>
          {line.overdue && section !== 'stalled' && (
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="todo-overdue">
              {t('todo.overdueTag')}
            </Tag>
          )}
          {line.detail && <Tag color={section === 'stalled' ? 'orange' : 'blue'}>{line.detail}</Tag>}
          {showOwner && line.ownerName && (
            <Typography.Text type="secondary">{t('todo.owner', { name: line.ownerName })}</Typography.Text>
          )}
        </>
      }
    />
  );
}

/** A request waiting for the user's decision, linking to its page. */
export function ApprovalLine({ item, ruled }: { item: TodoApproval; ruled: boolean }) {
  const { t } = useTranslation();
  return (
    <Line
      ruled={ruled}
      title={
        <Link
          to={`/approvals/${item.id}`}
          style={{ fontWeight: 500, wordBreak: 'break-word' }}
          data-testid="todo-link"
        >
          {item.name}
        </Link>
      }
      meta={
        <>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
            {item.recordName} · {item.summary}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('todo.submittedBy', { name: item.submittedBy })} <Time ms={item.at} relative />
          </Typography.Text>
        </>
      }
    />
  );
}
