import { Col, Row, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/auth';
import { LoadError, PageHeader, PageSpinner } from '../../components';
import { mayViewTeam, sectionKeys } from './sections';
import { TodoSection } from './TodoSection';
import { type TodoView, useTodo } from './todo.api';

/** 待办: today's and overdue follow-ups, first contacts, soon recycled, approvals, stalled deals. */
export function TodoPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const teamAllowed = mayViewTeam(me);
  const view: TodoView = teamAllowed && params.get('view') === 'team' ? 'team' : 'mine';
  const todo = useTodo(view);
  return (
    <>
      <PageHeader
        title={t('todo.title')}
        subtitle={t('todo.subtitle')}
        extra={
          teamAllowed && (
            <Segmented<TodoView>
              value={view}
              onChange={(v) => setParams(v === 'team' ? { view: v } : {}, { replace: true })}
              options={[
                { value: 'mine', label: t('todo.views.mine') },
                { value: 'team', label: t('todo.views.team') },
              ]}
              data-testid="todo-view"
            />
          )
        }
      />
      {todo.isPending ? (
        <PageSpinner />
      ) : todo.isError ? (
        <LoadError error={todo.error} onRetry={() => void todo.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {sectionKeys.map((k) => (
            <Col key={k} xs={24} lg={12} xxl={8}>
              <TodoSection todo={todo.data} section={k} showOwner={view === 'team'} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
