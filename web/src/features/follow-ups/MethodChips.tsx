import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type FollowUpMethod, followUpMethods } from './follow-ups.api';

/** 电话 · 微信 · 拜访 · 邮件 · 会议 · 其他 as chips: one tap, and they wrap on a phone. */
export function MethodChips({
  value,
  onChange,
}: {
  value?: FollowUpMethod;
  onChange?: (m: FollowUpMethod) => void;
}) {
  const { t } = useTranslation();
  return (
    <Tag.CheckableTagGroup<FollowUpMethod>
      value={value}
      // One is always chosen: tapping the chosen chip again keeps it.
      onChange={(m) => m && onChange?.(m)}
      options={followUpMethods.map((m) => ({ value: m, label: t(`followUps.methods.${m}`) }))}
      style={{ rowGap: 8 }}
      data-testid="follow-up-method"
    />
  );
}
