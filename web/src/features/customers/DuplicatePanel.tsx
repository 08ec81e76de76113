import { Alert, Button, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch } from '../../app/api-types';
import { DuplicateMatches } from '../../components';

type Props = {
  near: boolean;
  matches: DuplicateMatch[];
  saving: boolean;
  /** Near duplicates only: save anyway with this reason (kept in the audit log). */
  onSaveAnyway: (reason: string) => void;
  onOpen: () => void;
};

/** The 409 of a save: 客户已存在 (refused), or 有相似的客户 with a reason to save anyway. */
export function DuplicatePanel({ near, matches, saving, onSaveAnyway, onOpen }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = reason.trim().length < 2;
  return (
    <Alert
      type={near ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid={near ? 'near-duplicate-panel' : 'duplicate-panel'}
      title={t(near ? 'dup.nearTitle' : 'dup.duplicateTitle')}
      description={
        <Flex vertical gap={8}>
          <DuplicateMatches matches={matches} onOpen={onOpen} />
          {near && (
            <>
              <Typography.Text>{t('dup.nearText')}</Typography.Text>
              <Input.TextArea
                rows={2}
                maxLength={500}
                value={reason}
                aria-label={t('dup.reason')}
                placeholder={t('dup.reasonPlaceholder')}
                status={tried && tooShort ? 'error' : undefined}
                onChange={(e) => setReason(e.target.value)}
                data-testid="near-duplicate-reason"
              />
              {tried && tooShort && (
                <Typography.Text type="danger">{t('dup.reasonRequired')}</Typography.Text>
              )}
              <Flex justify="end">
                <Button
                  danger
                  loading={saving}
                  onClick={() => {
                    setTried(true);
                    if (!tooShort) onSaveAnyway(reason.trim());
                  }}
                  data-testid="save-anyway"
                >
                  {t('dup.saveAnyway')}
                </Button>
              </Flex>
            </>
          )}
        </Flex>
      }
    />
  );
}
