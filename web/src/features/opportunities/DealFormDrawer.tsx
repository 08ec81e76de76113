import { App, Form } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth';
import { FormDrawer, useShowProblem } from '../../components';
import { useActiveCustomFields } from '../custom-fields';
import { DealFields } from './DealFields';
import { changesOf, newOpportunityOf, type Values, valuesOf } from './form-values';
import {
  type OpportunityDetail,
  useOpportunity,
  useOpportunityMutations,
  usePipelines,
} from './opportunities.api';

type Props = {
  open: boolean;
  /** The deal to edit; none to create one. */
  dealId?: string;
  onClose: () => void;
  /** A new deal's customer given by the page (the customer's 商机 tab). */
  customer?: { id: string; name: string };
  /** A new deal's pipeline (the one the board shows). */
  pipelineId?: string;
  onCreated?: (d: OpportunityDetail) => void;
};

/** 新建/编辑商机 in a drawer; an edit sends only what changed with the version it showed (If-Match). */
export function DealFormDrawer({ open, dealId, onClose, customer, pipelineId, onCreated }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useOpportunity(dealId);
  const pipelines = usePipelines();
  const customDefs = useActiveCustomFields('opportunity');
  const { create, update } = useOpportunityMutations();
  const showProblem = useShowProblem();
  const deal = existing.data;
  const scope = me.isAdmin ? 'all' : me.permissions.opportunity?.scope;
  const chooseOwner = !!scope && scope !== 'own' && can('user', 'read');
  const firstPipeline = pipelineId ?? pipelines.data?.data[0]?.id;

  useEffect(() => {
    if (deal) form.setFieldsValue(valuesOf(deal, customDefs));
  }, [deal, customDefs, form]);

  const save = async (v: Values) => {
    try {
      if (deal) {
        const changes = changesOf(deal, v, customDefs);
        if (Object.keys(changes).length) await update.mutateAsync({ deal, changes });
        void message.success(t('opportunities.updated'));
      } else {
        const created = await create.mutateAsync(newOpportunityOf(v, customDefs));
        void message.success(t('opportunities.created'));
        onCreated?.(created);
      }
      onClose();
    } catch (e) {
      showProblem(e, {
        form,
        onConflict: () => void existing.refetch(),
        fieldOf: (path) => (path === 'body.amount' ? ['amount'] : null),
      });
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(dealId ? 'opportunities.edit' : 'opportunities.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="deal-form-submit"
      loading={(!!dealId && !deal) || pipelines.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          deal ? valuesOf(deal, customDefs) : { customerId: customer?.id, pipelineId: firstPipeline }
        }
        onFinish={(v) => void save(v)}
        // Another customer's contacts are not this one's: choosing a customer starts its contacts over.
        onValuesChange={(changed: Partial<Values>) => {
          if ('customerId' in changed) form.setFieldValue('contactIds', []);
        }}
        data-testid="deal-form"
      >
        <DealFields
          existing={deal}
          pipelines={pipelines.data?.data ?? []}
          customerName={deal ? undefined : customer?.name}
          chooseOwner={chooseOwner}
          customDefs={customDefs}
        />
      </Form>
    </FormDrawer>
  );
}
