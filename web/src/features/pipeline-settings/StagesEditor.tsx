import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Collapse, Flex, Form, type FormListFieldData, Tooltip } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blankStage, type StageValues, stagesProblem } from './form-values';
import { StageFields } from './StageFields';
import { StageSummary } from './StageSummary';

/** A file kind some stage already asks for, with that stage's label. */
export type KnownKind = { kind: string; label: string };
type Props = { reveal: number[]; knownKinds: KnownKind[] };

/** As many stages as the server takes. */
const maxStages = 20;

/** The pipeline's stages as an ordered list of panels: add, remove, move up and down, open to edit. */
export function StagesEditor({ reveal, knownKinds }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List
      name="stages"
      rules={[
        {
          validator: async (_, stages: StageValues[] | undefined) => {
            const problem = stagesProblem(stages ?? []);
            if (problem) throw new Error(t(`pipelineSettings.errors.${problem}`));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <StageList
          fields={fields}
          reveal={reveal}
          knownKinds={knownKinds}
          onAdd={() => {
            const stages: StageValues[] = form.getFieldValue('stages') ?? [];
            add(blankStage(freeName(t('pipelineSettings.newStage'), stages)), insertAt(stages));
          }}
          onRemove={remove}
          onMove={move}
          errors={errors}
        />
      )}
    </Form.List>
  );
}

/** 新阶段, or 新阶段 2 … when a stage has that name: names differ. */
function freeName(base: string, stages: StageValues[]): string {
  const names = new Set(stages.map((s) => s?.name?.trim()));
  let name = base;
  for (let n = 2; names.has(name); n++) name = `${base} ${n}`;
  return name;
}

/** Where a new stage goes: before the won and lost stages, which end a pipeline. */
function insertAt(stages: StageValues[] | undefined): number | undefined {
  const at = (stages ?? []).findIndex((s) => s?.category === 'closed_won' || s?.category === 'closed_lost');
  return at >= 0 ? at : undefined;
}

type ListProps = {
  fields: FormListFieldData[];
  reveal: number[];
  knownKinds: KnownKind[];
  onAdd: () => void;
  onRemove: (index: number) => void;
  onMove: (from: number, to: number) => void;
  errors: ReactNode[];
};

function StageList({ fields, reveal, knownKinds, onAdd, onRemove, onMove, errors }: ListProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string[]>([]);
  // Stages added after the form opened start open: they need a name.
  const seen = useRef<Set<number> | null>(null);
  useEffect(() => {
    const keys = fields.map((f) => f.key);
    const before = seen.current;
    seen.current = new Set(keys);
    const fresh = before ? keys.filter((k) => !before.has(k)).map(String) : [];
    if (fresh.length) setOpen((o) => [...o, ...fresh]);
  }, [fields]);
  // Stages with errors open, so the errors are seen.
  const keyOf = useRef(fields);
  keyOf.current = fields;
  useEffect(() => {
    const keys = reveal.flatMap((i) => {
      const f = keyOf.current[i];
      return f ? [String(f.key)] : [];
    });
    if (keys.length) setOpen((o) => [...new Set([...o, ...keys])]);
  }, [reveal]);

  const button = (label: string, icon: ReactNode, onClick: () => void, disabled: boolean, testId: string) => (
    <Tooltip title={label}>
      <Button
        type="text"
        size="small"
        icon={icon}
        aria-label={label}
        disabled={disabled}
        onClick={onClick}
        data-testid={testId}
      />
    </Tooltip>
  );

  return (
    <Flex vertical gap={8}>
      <Collapse
        activeKey={open}
        onChange={(keys) => setOpen(keys as string[])}
        size="small"
        data-testid="stage-list"
        items={fields.map((f, i) => ({
          key: String(f.key),
          // Fields of closed panels still count: the form validates and sends them.
          forceRender: true,
          className: 'stage-item',
          label: <StageSummary index={i} />,
          extra: (
            // Buttons in the header must not open or close the panel.
            // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click from toggling the panel
            // biome-ignore lint/a11y/useKeyWithClickEvents: the buttons inside take the keyboard
            <span onClick={(e) => e.stopPropagation()}>
              <Flex gap={0}>
                {button(
                  t('pipelineSettings.moveUp'),
                  <ArrowUpOutlined />,
                  () => onMove(i, i - 1),
                  i === 0,
                  'stage-up',
                )}
                {button(
                  t('pipelineSettings.moveDown'),
                  <ArrowDownOutlined />,
                  () => onMove(i, i + 1),
                  i === fields.length - 1,
                  'stage-down',
                )}
                {button(
                  `${t('pipelineSettings.removeStage')} — ${t('pipelineSettings.removeHint')}`,
                  <DeleteOutlined />,
                  () => onRemove(f.name),
                  false,
                  'stage-remove',
                )}
              </Flex>
            </span>
          ),
          children: <StageFields name={f.name} knownKinds={knownKinds} />,
        }))}
      />
      <Form.ErrorList errors={errors} />
      {fields.length < maxStages && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={onAdd} data-testid="add-stage">
          {t('pipelineSettings.addStage')}
        </Button>
      )}
    </Flex>
  );
}
