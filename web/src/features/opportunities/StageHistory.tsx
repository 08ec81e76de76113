import { Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { LoadError, PageSpinner, Time } from '../../components';
import { useUserName } from '../custom-fields';
import { useNow } from '../leads/use-now';
import { useStageHistory } from './opportunities.api';
import { stayDuration } from './words';

/** Who moved it: the viewer by their own name; others looked up (a rep who may not read users sees 某用户). */
function Who({ id }: { id: string | null }) {
  const me = useMe();
  const name = useUserName(id && id !== me.id ? id : undefined);
  return id ? <span>{id === me.id ? me.name : name}</span> : null;
}

/** 阶段记录: each stay in a stage, newest first — entered and left when and by whom, how long it lasted. */
export function StageHistory({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const history = useStageHistory(dealId);
  if (history.isPending) return <PageSpinner />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  if (!history.data.data.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.history.empty')} />;
  return (
    <Timeline
      data-testid="stage-history"
      items={history.data.data.map((h, i) => {
        const d = stayDuration((h.leftAt ?? now) - h.enteredAt);
        return {
          key: `${h.stageId}-${h.enteredAt}-${i}`,
          color: h.leftAt ? 'gray' : 'blue',
          content: (
            <Flex vertical gap={2} data-testid="stage-stay">
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{h.stageName}</Typography.Text>
                {!h.leftAt && <Tag color="blue">{t('opportunities.history.current')}</Tag>}
                <Typography.Text type="secondary">
                  {t('opportunities.history.stay', {
                    duration: t(`opportunities.duration.${d.unit}`, { count: d.count }),
                  })}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('opportunities.history.entered')} <Time ms={h.enteredAt} /> <Who id={h.enteredBy} />
              </Typography.Text>
              {h.leftAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('opportunities.history.left')} <Time ms={h.leftAt} /> <Who id={h.leftBy} />
                </Typography.Text>
              )}
            </Flex>
          ),
        };
      })}
    />
  );
}
