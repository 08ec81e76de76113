import { Input } from 'antd';
import { useState } from 'react';

type Props = { value?: string; onCommit: (v?: string) => void; placeholder: string };

/** A text filter applied on Enter or when the field is left, not on every key; clearing applies at once. */
export function TextFilter({ value, onCommit, placeholder }: Props) {
  const [text, setText] = useState(value ?? '');
  const commit = () => onCommit(text.trim() || undefined);
  return (
    <Input
      allowClear
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onCommit(undefined);
      }}
      onPressEnter={commit}
      onBlur={commit}
    />
  );
}
