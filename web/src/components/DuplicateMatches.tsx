import { Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateMatch } from '../app/api-types';

/** Who to ask about a match: only what the server sent (owner or pool), never more. */
function WhoToAsk({ m }: { m: DuplicateMatch }) {
  const { t } = useTranslation();
  if (m.inPool) return <Typography.Text type="secondary">{t('dup.inPool')}</Typography.Text>;
  if (!m.owner) return <Typography.Text type="secondary">{t('dup.noOwner')}</Typography.Text>;
  if (m.visible)
    return (
      <Typography.Text type="secondary">{`${t('customers.fields.ownerId')}：${m.owner.name}`}</Typography.Text>
    );
  return <Typography.Text type="warning">{t('dup.ownedBy', { name: m.owner.name })}</Typography.Text>;
}

/**
 * What the match is: a customer (its 360 page), or a contact shown as 王总（上海启明…） linking to its
 * customer's 360 page; a record the user may not see stays nameless.
 */
function MatchName({ m, onOpen }: { m: DuplicateMatch; onOpen?: () => void }) {
  const { t } = useTranslation();
  const contact = m.object === 'contact';
  const to = contact ? m.customer?.id : m.id;
  if (!m.visible || !to)
    return (
      <Typography.Text strong>
        {m.name ?? t(contact ? 'dup.hiddenContact' : 'dup.hiddenCustomer')}
      </Typography.Text>
    );
  return (
    <>
      {contact && <Typography.Text type="secondary">{t('dup.objects.contact')}</Typography.Text>}
      <Link to={`/customers/${to}`} onClick={onOpen} style={{ wordBreak: 'break-all' }}>
        {contact && m.customer ? t('dup.contactOf', { name: m.name, customer: m.customer.name }) : m.name}
      </Link>
    </>
  );
}

/** Existing customers and contacts a new record collides with, each labelled 重复 (exact) or 相似 (near). */
export function DuplicateMatches({ matches, onOpen }: { matches: DuplicateMatch[]; onOpen?: () => void }) {
  const { t } = useTranslation();
  return (
    <List<DuplicateMatch>
      size="small"
      dataSource={matches}
      data-testid="duplicate-matches"
      renderItem={(m, i) => (
        <List.Item key={m.id ?? i} style={{ paddingInline: 0 }}>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Flex gap={6} wrap align="center">
              <Tag color={m.exact ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {t(m.exact ? 'dup.exact' : 'dup.near')}
              </Tag>
              <MatchName m={m} onOpen={onOpen} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.exact
                ? m.matchedOn.map((on) => t(`dup.matchedOn.${on}`)).join('、')
                : m.similarity !== undefined
                  ? t('dup.similarity', { percent: Math.round(m.similarity * 100) })
                  : t('dup.similarName')}
            </Typography.Text>
            <WhoToAsk m={m} />
          </Flex>
        </List.Item>
      )}
    />
  );
}
