import { Alert, Drawer, Flex, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DuplicateMatches, useIsPhone, useShowProblem } from '../../components';
import { checkBodyOf, useDuplicateCheck } from './customers.api';

type Props = {
  open: boolean;
  onClose: () => void /** Checked right away when given (from a form). */;
  initial?: string;
};

const verdict = { free: 'success', taken: 'error', similar: 'warning' } as const;

/** 查重: one box for a company name, phone or e-mail; says free, taken or similar, with who to ask. */
export function DuplicateCheckDrawer({ open, onClose, initial = '' }: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const check = useDuplicateCheck();
  const showProblem = useShowProblem();
  const [text, setText] = useState(initial);
  const run = (value: string) => {
    if (!value.trim()) return;
    check.mutate(checkBodyOf(value), { onError: (e) => showProblem(e) });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new opening (or a new typed value) checks once
  useEffect(() => {
    if (!open) return;
    setText(initial);
    check.reset();
    if (initial) run(initial);
  }, [open, initial]);
  const result = check.data;

  return (
    <Drawer open={open} onClose={onClose} size={phone ? '100%' : 480} title={t('dup.title')} destroyOnHidden>
      <Flex vertical gap={16} data-testid="duplicate-check">
        <Typography.Text type="secondary">{t('dup.intro')}</Typography.Text>
        <Input.Search
          autoFocus
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('dup.placeholder')}
          enterButton={t('dup.check')}
          loading={check.isPending}
          onSearch={run}
          data-testid="duplicate-check-input"
        />
        {result && (
          <Alert
            type={verdict[result.status]}
            showIcon
            title={t(`dup.${result.status}`)}
            description={t(`dup.${result.status}Text`)}
            data-testid={`duplicate-verdict-${result.status}`}
          />
        )}
        {result && result.matches.length > 0 && (
          <DuplicateMatches matches={result.matches} onOpen={onClose} />
        )}
      </Flex>
    </Drawer>
  );
}
