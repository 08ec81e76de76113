import { Flex, List, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateMatch } from '../app/api-types';

/** Who to ask about a match: only what the server sent (owner or pool), never more. */
function WhoToAsk({ m }: { m: DuplicateMatch }) {
  const { t } = useTranslation();
  if (m.inPool)
    return (
      <Typography.Text type="secondary">
        {t(m.object === 'lead' ? 'dup.inLeadPool' : 'dup.inPool')}
      </Typography.Text>
    );
  if (!m.owner) return <Typography.Text type="secondary">{t('dup.noOwner')}</Typography.Text>;
  if (m.visible)
    return <Typography.Text type="secondary">{t('dup.owner', { name: m.owner.name })}</Typography.Text>;
  return <Typography.Text type="warning">{t('dup.ownedBy', { name: m.owner.name })}</Typography.Text>;
}

const hidden = {
  customer: 'dup.hiddenCustomer',
  contact: 'dup.hiddenContact',
  lead: 'dup.hiddenLead',
} as const;

/** Where a visible match opens: a lead its lead page, a customer or a contact its customer's 360 page. */
function linkOf(m: DuplicateMatch): string | undefined {
  if (m.object === 'lead') return m.id && `/leads/${m.id}`;
  const to = m.object === 'contact' ? m.customer?.id : m.id;
  return to && `/customers/${to}`;
}

/** The words of a visible match: 王总（上海启明…） for a contact or a lead with a company, else its name. */
function labelOf(t: TFunction, m: DuplicateMatch): string | undefined {
  if (m.object === 'contact' && m.customer)
    return t('dup.contactOf', { name: m.name, customer: m.customer.name });
  if (m.object === 'lead' && m.company) return t('dup.leadOf', { name: m.name, company: m.company });
  return m.name;
}

/**
 * What the match is: a customer, a contact shown with its customer, or a lead shown with its company,
 * each linking to where it is worked on; a record the user may not see stays nameless.
 */
function MatchName({ m, onOpen }: { m: DuplicateMatch; onOpen?: () => void }) {
  const { t } = useTranslation();
  const to = linkOf(m);
  const kind = m.object === 'contact' || m.object === 'lead' ? m.object : null;
  if (!m.visible || !to)
    return <Typography.Text strong>{m.name ?? t(hidden[kind ?? 'customer'])}</Typography.Text>;
  return (
    <>
      {kind && <Typography.Text type="secondary">{t(`dup.objects.${kind}`)}</Typography.Text>}
      <Link to={to} onClick={onOpen} style={{ wordBreak: 'break-all' }}>
        {labelOf(t, m)}
      </Link>
    </>
  );
}

/** Existing customers, contacts and leads a new record collides with, each labelled 重复 (exact) or 相似 (near). */
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
