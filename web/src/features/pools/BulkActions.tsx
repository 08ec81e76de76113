import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolObject } from './pools.api';
import { ReleaseModal } from './ReleaseModal';
import { TagsModal } from './TagsModal';
import { TransferModal } from './TransferModal';

type Props = {
  ids: string[];
  onDone: () => void;
  extra?: React.ReactNode;
  /** Customers (the default: 转移, 打标签, 退回公海) or leads (转移, 退回线索池). */
  object?: PoolObject;
  /** Which of the moves to offer (all by default); the page knows what the user may do. */
  may?: { transfer?: boolean; release?: boolean };
};

/** What to do with the selected customers or leads: 转移, 打标签, 退回公海 / 退回线索池 — all or nothing on the server. */
export function BulkActions({ ids, onDone, extra, object = 'customer', may = {} }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'transfer' | 'tags' | 'release' | null>(null);
  if (!ids.length) return null;
  const lead = object === 'lead';
  const done = (key: 'transferred' | 'tagged' | 'released') => () => {
    // Leads are never tagged here (no 打标签 for them).
    void message.success(
      t(lead && key !== 'tagged' ? `leads.pool.${key}` : `poolsRep.${key}`, { count: ids.length }),
    );
    onDone();
  };
  const [transfer, release] = [may.transfer ?? true, may.release ?? true];
  return (
    <Flex gap={8} wrap align="center" data-testid="bulk-actions" style={{ margin: '8px 0' }}>
      <Typography.Text>
        {t(lead ? 'leads.bulk.selected' : 'poolsRep.bulk.selected', { count: ids.length })}
      </Typography.Text>
      {transfer && (
        <Button size="small" onClick={() => setDialog('transfer')} data-testid="bulk-transfer">
          {t('poolsRep.transfer.action')}
        </Button>
      )}
      {!lead && (
        <Button size="small" onClick={() => setDialog('tags')} data-testid="bulk-tags">
          {t('poolsRep.tags.action')}
        </Button>
      )}
      {release && (
        <Button size="small" onClick={() => setDialog('release')} data-testid="bulk-release">
          {t(lead ? 'leads.pool.release.action' : 'poolsRep.release.action')}
        </Button>
      )}
      {extra}
      <Button size="small" type="link" onClick={onDone}>
        {t('poolsRep.bulk.clear')}
      </Button>
      <TransferModal
        object={object}
        ids={ids}
        open={dialog === 'transfer'}
        onClose={() => setDialog(null)}
        onDone={done('transferred')}
      />
      {!lead && (
        <TagsModal
          ids={ids}
          open={dialog === 'tags'}
          onClose={() => setDialog(null)}
          onDone={done('tagged')}
        />
      )}
      <ReleaseModal
        object={object}
        ids={ids}
        open={dialog === 'release'}
        onClose={() => setDialog(null)}
        onDone={done('released')}
      />
    </Flex>
  );
}
