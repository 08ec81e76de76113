import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The parts of a TanStack infinite query the footer needs. */
type PagedQuery = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};
/** `totalCapped`: the server stopped counting at `total` (a list above its count cap shows "10,000+"). */
type Props = { query: PagedQuery; loaded: number; total?: number; totalCapped?: boolean };

/** Cursor pagination footer: says how many rows are shown and whether more exist — never a silent cut. */
export function LoadMore({ query, loaded, total, totalCapped }: Props) {
  const hasMore = query.hasNextPage;
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" gap={12} wrap style={{ padding: '12px 0' }}>
      <Typography.Text type="secondary">
        {hasMore
          ? total !== undefined
            ? t('common.shownOfTotal', {
                count: loaded,
                total: totalCapped ? `${total.toLocaleString()}+` : total,
              })
            : t('common.shownSoFar', { count: loaded })
          : t('common.shownAll', { count: loaded })}
      </Typography.Text>
      {hasMore && (
        <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Flex>
  );
}
