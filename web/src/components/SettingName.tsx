import { Flex, Tag, Typography } from 'antd';

type Props = { name: string; description?: string | null; isDefault?: boolean; defaultLabel: string };

/** A settings row's first cell: its name, a 默认 tag when it is the default, and its description. */
export function SettingName({ name, description, isDefault, defaultLabel }: Props) {
  return (
    <Flex vertical style={{ minWidth: 0 }}>
      <Flex gap={6} align="center" wrap>
        <Typography.Text strong>{name}</Typography.Text>
        {isDefault && (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {defaultLabel}
          </Tag>
        )}
      </Flex>
      {description && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {description}
        </Typography.Text>
      )}
    </Flex>
  );
}
