import { CameraOutlined, DownOutlined, UpOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orgInstantOf } from '../../app/time';
import { useIsPhone, useShowProblem } from '../../components';
import { useAttachmentMutations } from '../attachments/attachments.api';
import { CheckInButton } from './CheckInButton';
import { FollowUpDetails } from './FollowUpDetails';
import { type FollowUpValues, followUpBody } from './follow-up-body';
import { type FollowUpObject, useFollowUpSettings, useWriteFollowUp } from './follow-ups.api';
import { MethodChips } from './MethodChips';
import { NextAtInput } from './NextAtInput';
import { useRecordCustomer } from './record-customer';

/** Photos and files one follow-up takes at once (a record takes 200 in all). */
const maxFiles = 9;

type Props = {
  object: FollowUpObject;
  recordId: string;
  /** Days until the next follow-up when none is given (the record's cadence); null: none, undefined: unknown. */
  cadenceDays?: number | null;
  /** After a saved follow-up (e.g. a stage gate that asked for one). */
  onSaved?: () => void;
};

/**
 * 写跟进 on a lead, a customer or a deal. A routine call is how (电话, 微信, …), what happened and 保存;
 * a visit adds 签到 and photos (uploaded with the follow-up as files of the record); 更多 opens 时长, 客户需求, 下一步 and 参与联系人. Without a next time the record's
 * cadence sets it (the hint says how many days). The server does the rest (a lead's deadline and
 * status, a customer's and a deal's next follow-up).
 */
export function FollowUpForm({ object, recordId, cadenceDays: cadence, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FollowUpValues>();
  const [more, setMore] = useState(false);
  const method = Form.useWatch('method', form);
  const customerId = useRecordCustomer(object, recordId);
  const write = useWriteFollowUp();
  // 跟进设置 may require every follow-up to name the next one.
  const nextRequired = !!useFollowUpSettings().data?.nextRequired;
  const showProblem = useShowProblem();
  const phone = useIsPhone();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { upload } = useAttachmentMutations(object, recordId);
  const save = async (v: FollowUpValues) => {
    let saved: { id: string };
    try {
      saved = await write.mutateAsync(followUpBody(object, recordId, v, orgInstantOf));
    } catch (e) {
      showProblem(e, { form });
      return;
    }
    // The follow-up is saved; its photos and files follow it, each told apart if it fails.
    for (const f of files) {
      try {
        await upload.mutateAsync({ file: f.originFileObj as File, followUpId: saved.id });
      } catch (e) {
        showProblem(e);
      }
    }
    form.resetFields();
    setFiles([]);
    void message.success(t('followUps.saved'));
    onSaved?.();
  };
  return (
    <Form<FollowUpValues>
      form={form}
      layout="vertical"
      initialValues={{ method: 'phone' }}
      onFinish={(v) => void save(v)}
      data-testid="follow-up-form"
    >
      <Form.Item name="method" label={t('followUps.method')}>
        <MethodChips />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('followUps.content')}
        rules={[{ required: true, whitespace: true, message: t('followUps.contentRequired') }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder={t('followUps.contentPlaceholder')}
          data-testid="follow-up-content"
        />
      </Form.Item>
      {/* On site, 签到 is one tap away (not under 更多). */}
      <Form.Item name="checkIn" label={t('followUps.checkIn.label')} hidden={method !== 'visit'}>
        <CheckInButton />
      </Form.Item>
      <Form.Item label={t('followUps.files')} extra={t('followUps.filesHint')}>
        <Upload
          multiple
          listType="picture"
          accept="image/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt"
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList.slice(0, maxFiles))}
          data-testid="follow-up-files-input"
        >
          {files.length < maxFiles && <Button icon={<CameraOutlined />}>{t('followUps.addFiles')}</Button>}
        </Upload>
      </Form.Item>
      <Button
        type="link"
        size="small"
        icon={more ? <UpOutlined /> : <DownOutlined />}
        iconPlacement="end"
        onClick={() => setMore(!more)}
        style={{ paddingInline: 0, marginBottom: 12 }}
        aria-expanded={more}
        data-testid="follow-up-more"
      >
        {more ? t('followUps.less') : t('followUps.more')}
      </Button>
      {/* Hidden, not unmounted: what was filled stays when 更多 closes. */}
      <div hidden={!more}>
        <FollowUpDetails customerId={customerId} />
      </div>
      <Flex gap={12} wrap align="flex-start">
        <Form.Item
          name="nextAt"
          label={t('followUps.nextAt')}
          rules={nextRequired ? [{ required: true, message: t('followUps.nextRequired') }] : []}
          extra={
            nextRequired
              ? t('followUps.nextRequiredHint')
              : cadence
                ? t('followUps.nextHint', { days: cadence })
                : t('followUps.nextHintNone')
          }
          style={{ flex: '1 1 240px', marginBottom: 8 }}
        >
          <NextAtInput />
        </Form.Item>
        {/* On a phone a full-width button under the picker, for the thumb. */}
        <Form.Item
          label={phone ? undefined : ' '}
          colon={false}
          style={{ marginBottom: 8, width: phone ? '100%' : undefined }}
        >
          <Button
            type="primary"
            htmlType="submit"
            block={phone}
            loading={write.isPending || upload.isPending}
            data-testid="follow-up-submit"
          >
            {t('followUps.submit')}
          </Button>
        </Form.Item>
      </Flex>
    </Form>
  );
}
