import { App, Button, Card, Flex, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Time, useShowProblem } from '../../components';
import { useMergeMutations, useMerges } from './merge.api';

/** 合并记录 on the survivor's page: what went into it, and 撤销 while nothing has changed since. */
export function MergeHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const merges = useMerges(customerId);
  const { undo } = useMergeMutations();
  const showProblem = useShowProblem();
  const rows = merges.data?.data ?? [];
  if (!rows.length) return null;
  return (
    <Card title={t('merge.history')} data-testid="merge-history">
      <Flex vertical gap={12}>
        {rows.map((m) => (
          <Flex key={m.id} vertical gap={2}>
            <Typography.Text>
              {t('merge.entry', { names: m.mergedNames.join('、'), actor: m.actorName ?? '—' })}{' '}
              {m.undoneAt && <Tag>{t('merge.undoneTag')}</Tag>}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Time ms={m.at} /> · {m.reason}
            </Typography.Text>
            {m.canUndo && (
              <Popconfirm
                title={t('merge.undoConfirm')}
                onConfirm={() =>
                  undo
                    .mutateAsync(m.id)
                    .then(() => void message.success(t('merge.undone')))
                    .catch((e) => showProblem(e))
                }
              >
                <Button size="small" style={{ alignSelf: 'flex-start' }} data-testid="merge-undo">
                  {t('merge.undo')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
