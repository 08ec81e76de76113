import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, List, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Time, useShowProblem } from '../../components';
import { OwnerSelect } from '../customers/OwnerSelect';
import { type Collaborator, useCollaborators, useCustomerMoves } from './pools.api';

type Level = 'read' | 'write';

/** 协作人: who follows this customer with the owner, and whether they may only read or also edit. */
export function CollaboratorsPanel({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const list = useCollaborators(customerId);
  const { share } = useCustomerMoves();
  const showProblem = useShowProblem();
  const [adding, setAdding] = useState<string>();
  const [level, setLevel] = useState<Level>('read');
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const current = list.data?.data ?? [];
  const save = async (next: { userId: string; level: Level }[]) => {
    try {
      await share.mutateAsync({ id: customerId, collaborators: next });
      setAdding(undefined);
    } catch (e) {
      showProblem(e);
    }
  };
  const plain = (c: Collaborator) => ({ userId: c.userId, level: c.level });
  const levelOptions = (['read', 'write'] as const).map((l) => ({
    value: l,
    label: t(`poolsRep.levels.${l}`),
  }));
  return (
    <Flex vertical gap={12} data-testid="collaborators">
      <Typography.Text type="secondary">{t('poolsRep.collaborators.help')}</Typography.Text>
      {canEdit && (
        <Flex gap={8} wrap>
          <div style={{ flex: '1 1 200px', minWidth: 0 }}>
            <OwnerSelect value={adding} onChange={setAdding} placeholder={t('poolsRep.collaborators.pick')} />
          </div>
          <Select<Level> value={level} onChange={setLevel} options={levelOptions} style={{ width: 120 }} />
          <Button
            icon={<PlusOutlined />}
            disabled={!adding}
            loading={share.isPending}
            onClick={() =>
              adding &&
              void save([...current.filter((c) => c.userId !== adding).map(plain), { userId: adding, level }])
            }
            data-testid="add-collaborator"
          >
            {t('poolsRep.collaborators.add')}
          </Button>
        </Flex>
      )}
      {current.length === 0 && !list.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('poolsRep.collaborators.none')} />
      ) : (
        <List
          loading={list.isPending}
          dataSource={current}
          renderItem={(c) => (
            <List.Item
              actions={
                canEdit
                  ? [
                      <Select<Level>
                        key="level"
                        size="small"
                        value={c.level}
                        options={levelOptions}
                        onChange={(l) =>
                          void save(
                            current.map((x) =>
                              x.userId === c.userId ? { userId: x.userId, level: l } : plain(x),
                            ),
                          )
                        }
                        style={{ width: 110 }}
                      />,
                      <Button
                        key="remove"
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                        onClick={() => void save(current.filter((x) => x.userId !== c.userId).map(plain))}
                      />,
                    ]
                  : [<Tag key="level">{t(`poolsRep.levels.${c.level}`)}</Tag>]
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    {c.name} {!c.active && <Tag>{t('poolsRep.collaborators.inactive')}</Tag>}
                  </span>
                }
                description={
                  <span>
                    {t('poolsRep.collaborators.since')} <Time ms={c.addedAt} />
                  </span>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
