import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Flex, Input, InputNumber, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useShowProblem } from '../../components';
import { useAttachmentMutations } from '../attachments';
import { FollowUpForm } from '../follow-ups';
import { ContactsSelect } from './ContactsSelect';
import {
  type MissingItem,
  type OpportunityChanges,
  type OpportunityDetail,
  useOpportunityMutations,
  usePipelines,
} from './opportunities.api';
import { minorOf, yuanOf } from './words';

// The in-place fix of each kind of missing gate item: fill the field, upload the file of that kind,
// tick the item, log the follow-up. Each calls `onFixed` once the server took it.

type FixProps = { deal: OpportunityDetail; item: MissingItem; onFixed: () => void };

/** A field the gate wants, with its own input and 保存 (PATCH with If-Match). */
function FieldFix({ deal, item, onFixed }: FixProps) {
  const { t } = useTranslation();
  const { update } = useOpportunityMutations();
  const showProblem = useShowProblem();
  const field = item.field ?? '';
  const [value, setValue] = useState<unknown>(() =>
    field === 'amount'
      ? deal.amount
        ? yuanOf(deal.amount)
        : null
      : field === 'contacts'
        ? deal.contacts.map((c) => c.id)
        : field === 'expectedCloseDate'
          ? deal.expectedCloseDate && dayjs(deal.expectedCloseDate)
          : ((deal as Record<string, unknown>)[field] ?? ''),
  );
  if (field.startsWith('custom.'))
    return <Link to={`/opportunities/${deal.id}?edit=1`}>{t('opportunities.gate.editInForm')}</Link>;
  const changes = (): OpportunityChanges | null => {
    if (field === 'amount') {
      const minor = minorOf(value as number | null);
      return minor ? { amount: minor } : null;
    }
    if (field === 'expectedCloseDate')
      return value ? { expectedCloseDate: (value as Dayjs).format('YYYY-MM-DD') } : null;
    if (field === 'contacts') return (value as string[]).length ? { contactIds: value as string[] } : null;
    const text = String(value ?? '').trim();
    return text ? { [field]: text } : null;
  };
  const save = async () => {
    const c = changes();
    if (!c) return;
    try {
      await update.mutateAsync({ deal, changes: c });
      onFixed();
    } catch (e) {
      showProblem(e);
    }
  };
  const input =
    field === 'amount' ? (
      <InputNumber<number>
        min={0.01}
        precision={2}
        value={value as number | null}
        onChange={setValue}
        prefix="¥"
        style={{ width: '100%' }}
        data-testid="gate-amount"
      />
    ) : field === 'expectedCloseDate' ? (
      <DatePicker value={value as Dayjs | null} onChange={setValue} style={{ width: '100%' }} />
    ) : field === 'contacts' ? (
      <ContactsSelect
        customerId={deal.customerId}
        value={value as string[]}
        onChange={setValue}
        known={deal.contacts}
      />
    ) : (
      <Input
        value={value as string}
        onChange={(e) => setValue(e.target.value)}
        maxLength={field === 'products' ? 1000 : 500}
        data-testid={`gate-${field}`}
      />
    );
  return (
    <Flex gap={8} align="start">
      <div style={{ flex: 1, minWidth: 0 }}>{input}</div>
      <Button onClick={() => void save()} loading={update.isPending} data-testid={`gate-save-${field}`}>
        {t('opportunities.gate.saveField')}
      </Button>
    </Flex>
  );
}

/** A file of the kind the gate wants, uploaded as that kind. */
function FileFix({ deal, item, onFixed }: FixProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { upload } = useAttachmentMutations('opportunity', deal.id);
  const showProblem = useShowProblem();
  return (
    <Upload
      showUploadList={false}
      maxCount={1}
      customRequest={({ file, onSuccess, onError }) =>
        upload.mutate(
          { file: file as File, kind: item.kind },
          {
            onSuccess: (saved) => {
              void message.success(t('attachments.uploaded', { name: saved.fileName }));
              onSuccess?.(saved);
              onFixed();
            },
            onError: (e) => {
              showProblem(e);
              onError?.(e);
            },
          },
        )
      }
    >
      <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid={`gate-upload-${item.kind}`}>
        {t('opportunities.gate.upload')}
      </Button>
    </Upload>
  );
}

/** A checklist item to tick. */
function CheckFix({ deal, item, onFixed }: FixProps) {
  const { tick } = useOpportunityMutations();
  const showProblem = useShowProblem();
  return (
    <Checkbox
      disabled={tick.isPending}
      onChange={async (e) => {
        if (!e.target.checked) return;
        try {
          await tick.mutateAsync({ deal, stageId: item.stageId, itemId: item.itemId ?? '', done: true });
          onFixed();
        } catch (err) {
          showProblem(err);
        }
      }}
      data-testid={`gate-check-${item.itemId}`}
    >
      {item.label}
    </Checkbox>
  );
}

/** A follow-up in the current stage; left without a next time, that stage's cadence sets it. */
function FollowUpFix({ deal, onFixed }: FixProps) {
  const pipeline = usePipelines().data?.data.find((p) => p.id === deal.pipelineId);
  const cadence = pipeline?.stages.find((s) => s.id === deal.stageId)?.cadenceDays;
  return <FollowUpForm object="opportunity" recordId={deal.id} cadenceDays={cadence} onSaved={onFixed} />;
}

/** How to meet one missing item, right where the rep sees it. */
export function GateFix(props: FixProps) {
  switch (props.item.type) {
    case 'field':
      return <FieldFix {...props} />;
    case 'attachment':
      return <FileFix {...props} />;
    case 'checklist':
      return <CheckFix {...props} />;
    default:
      return <FollowUpFix {...props} />;
  }
}
