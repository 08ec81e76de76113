import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Button, Flex, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  /** The rule's 1-based position and how many there are. */
  position: number;
  count: number;
  disabled: boolean;
  /** Moves the rule to this 1-based position. */
  onMove: (position: number) => void;
};

/** 上移 / 下移: rules apply in their order, so the order is edited one step at a time. */
export function OrderButtons({ position, count, disabled, onMove }: Props) {
  const { t } = useTranslation();
  const button = (to: number, up: boolean) => {
    const label = t(up ? 'leadRules.moveUp' : 'leadRules.moveDown');
    return (
      <Tooltip title={label}>
        <Button
          size="small"
          icon={up ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
          disabled={disabled || to < 1 || to > count}
          aria-label={label}
          onClick={() => onMove(to)}
          data-testid={up ? 'move-up' : 'move-down'}
        />
      </Tooltip>
    );
  };
  return (
    <Flex gap={4}>
      {button(position - 1, true)}
      {button(position + 1, false)}
    </Flex>
  );
}
