import { useQuery } from '@tanstack/react-query';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatMoney, formatNumber, type Locale } from '../../app/numbers';
import { unwrap } from '../../app/problem';
import type { CustomFieldDef } from './custom-fields.api';
import { choiceLabel } from './labels';

/** A user's name for a `user` field; someone the viewer may not look up shows as "a colleague". */
export function useUserName(id: string | undefined): string {
  const { t } = useTranslation();
  const user = useQuery({
    queryKey: ['users', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return user.data?.name ?? (user.isPending && id ? '…' : t('customFields.someUser'));
}

function UserName({ id }: { id: string }) {
  return <span>{useUserName(id)}</span>;
}

/** One custom value as people read it: option labels in the current language, money in 元, user names. */
export function CustomValue({ def, value }: { def: CustomFieldDef; value: unknown }) {
  const { i18n } = useTranslation();
  const me = useMe();
  const lang = i18n.language as Locale;
  if (value === undefined || value === null || value === '') return <span>—</span>;
  const choice = (key: string) => {
    const c = def.options.choices?.find((x) => x.key === key);
    return c ? choiceLabel(c, lang) : key;
  };
  switch (def.type) {
    case 'select':
      return <Tag style={{ marginInlineEnd: 0 }}>{choice(value as string)}</Tag>;
    case 'multi_select':
      return (
        <Flex wrap gap={4}>
          {(value as string[]).map((k) => (
            <Tag key={k} style={{ marginInlineEnd: 0 }}>
              {choice(k)}
            </Tag>
          ))}
        </Flex>
      );
    case 'money':
      return <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(value as number, me.currency, lang)}</span>;
    case 'number':
      return <span>{formatNumber(value as number, lang, 6)}</span>;
    case 'user':
      return <UserName id={value as string} />;
    case 'long_text':
      return <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{value as string}</Typography.Text>;
    case 'email':
      return <span style={{ wordBreak: 'break-all' }}>{value as string}</span>;
    default:
      return <span>{String(value)}</span>;
  }
}
