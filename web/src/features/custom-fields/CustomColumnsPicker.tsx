import { TableOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldDef, FieldObject } from './custom-fields.api';
import { fieldLabel } from './labels';

const storageKey = (object: FieldObject) => `cadence.columns.${object}.custom`;

/** The custom-field columns a user chose for a list, remembered in this browser. */
export function useChosenColumns(object: FieldObject, defs: CustomFieldDef[]) {
  const [keys, setKeys] = useState<string[]>(() => {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(storageKey(object)) ?? '[]');
      return Array.isArray(saved) ? saved.filter((k): k is string => typeof k === 'string') : [];
    } catch {
      return [];
    }
  });
  const choose = (next: string[]) => {
    setKeys(next);
    localStorage.setItem(storageKey(object), JSON.stringify(next));
  };
  // In the fields' own order; archived or deleted fields drop out.
  const chosen = defs.filter((d) => keys.includes(d.key));
  return { chosen, keys, choose };
}

type Props = { defs: CustomFieldDef[]; keys: string[]; onChange: (keys: string[]) => void };

/** 列: which custom fields show as columns of the list. */
export function CustomColumnsPicker({ defs, keys, onChange }: Props) {
  const { t, i18n } = useTranslation();
  if (!defs.length) return null;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('customFields.columnsTitle')}
      content={
        <Flex vertical gap={6} style={{ maxWidth: 260 }} data-testid="custom-columns">
          {defs.length ? (
            <Checkbox.Group
              value={keys}
              onChange={(v) => onChange(v as string[])}
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={defs.map((d) => ({ value: d.key, label: fieldLabel(d, i18n.language) }))}
            />
          ) : (
            <Typography.Text type="secondary">{t('customFields.noColumns')}</Typography.Text>
          )}
        </Flex>
      }
    >
      <Button icon={<TableOutlined />} data-testid="custom-columns-button">
        {t('customFields.columnsButton')}
      </Button>
    </Popover>
  );
}
