import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = { loaded: number; hasMore: boolean; loading: boolean; onLoadMore: () => void; total?: number };

/** Cursor pagination footer: says how many rows are shown and whether more exist — never a silent cut. */
export function LoadMore({ loaded, hasMore, loading, onLoadMore, total }: Props) {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" gap={12} wrap style={{ padding: '12px 0' }}>
      <Typography.Text type="secondary">
        {hasMore
          ? total !== undefined
            ? t('common.shownOfTotal', { count: loaded, total })
            : t('common.shownSoFar', { count: loaded })
          : t('common.shownAll', { count: loaded })}
      </Typography.Text>
      {hasMore && (
        <Button onClick={onLoadMore} loading={loading}>
          {t('common.loadMore')}
        </Button>
      )}
    </Flex>
  );
}
