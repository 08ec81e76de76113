import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReleaseModal } from './ReleaseModal';
import { TagsModal } from './TagsModal';
import { TransferModal } from './TransferModal';

type Props = { ids: string[]; onDone: () => void; extra?: React.ReactNode };

/** What to do with the selected customers: 转移, 打标签, 退回公海 — all or nothing on the server. */
export function BulkActions({ ids, onDone, extra }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'transfer' | 'tags' | 'release' | null>(null);
  if (!ids.length) return null;
  const done = (key: 'transferred' | 'tagged' | 'released') => () => {
    void message.success(t(`poolsRep.${key}`, { count: ids.length }));
    onDone();
  };
  return (
    <Flex gap={8} wrap align="center" data-testid="bulk-actions" style={{ margin: '8px 0' }}>
      <Typography.Text>{t('poolsRep.bulk.selected', { count: ids.length })}</Typography.Text>
      <Button size="small" onClick={() => setDialog('transfer')} data-testid="bulk-transfer">
        {t('poolsRep.transfer.action')}
      </Button>
      <Button size="small" onClick={() => setDialog('tags')} data-testid="bulk-tags">
        {t('poolsRep.tags.action')}
      </Button>
      <Button size="small" onClick={() => setDialog('release')} data-testid="bulk-release">
        {t('poolsRep.release.action')}
      </Button>
      {extra}
      <Button size="small" type="link" onClick={onDone}>
        {t('poolsRep.bulk.clear')}
      </Button>
      <TransferModal
        ids={ids}
        open={dialog === 'transfer'}
        onClose={() => setDialog(null)}
        onDone={done('transferred')}
      />
      <TagsModal ids={ids} open={dialog === 'tags'} onClose={() => setDialog(null)} onDone={done('tagged')} />
      <ReleaseModal
        ids={ids}
        open={dialog === 'release'}
        onClose={() => setDialog(null)}
        onDone={done('released')}
      />
    </Flex>
  );
}
