import { Button, Drawer, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageSpinner } from './States';
import { useIsPhone } from './use-media';

type Props = {
  open: boolean;
  onClose: () => void;
  title: string;
  /** Desktop width; the drawer is full-width on a phone. */
  width?: number;
  /** Submits the form inside (e.g. `() => form.submit()`). */
  onSubmit: () => void;
  submitting: boolean;
  submitTestId: string;
  /** The submit button's text (default 保存). */
  submitText?: string;
  /** While the record to edit is loading. */
  loading?: boolean;
  children: ReactNode;
};

/** The drawer every create/edit form opens in: full width on a phone, 取消 / 保存 in the footer. */
export function FormDrawer({
  open,
  onClose,
  title,
  width = 560,
  onSubmit,
  submitting,
  submitTestId,
  submitText,
  loading,
  children,
}: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={phone ? '100%' : width}
      title={title}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={onSubmit} loading={submitting} data-testid={submitTestId}>
            {submitText ?? t('common.save')}
          </Button>
        </Flex>
      }
    >
      {loading ? <PageSpinner /> : children}
    </Drawer>
  );
}
