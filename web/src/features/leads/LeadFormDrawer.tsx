import { Alert, App, Form } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch, Lead } from '../../app/api-types';
import { useAuth, useMe } from '../../app/auth';
import { DuplicateMatches, FormDrawer, useShowProblem } from '../../components';
import { useActiveCustomFields } from '../custom-fields';
import { changesOf, newLeadOf, type Values, valuesOf } from './form-values';
import { LeadFields } from './LeadFields';
import { duplicateLeadOf, useLead, useLeadMutations } from './leads.api';

type Props = {
  open: boolean;
  /** The lead to edit; none to create one. */
  leadId?: string;
  onClose: () => void;
  onCreated?: (l: Lead) => void;
};

/**
 * 新建/编辑线索. A phone, e-mail or company already on record (as a lead, customer or contact) is
 * refused by the server; the form shows the matches and whom to ask. A stale edit reloads the lead.
 */
export function LeadFormDrawer({ open, leadId, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useLead(leadId);
  const customDefs = useActiveCustomFields('lead');
  const { create, update } = useLeadMutations();
  const showProblem = useShowProblem();
  const [duplicate, setDuplicate] = useState<DuplicateMatch[] | null>(null);
  const editing = !!leadId;
  const lead = existing.data;
  const scope = me.isAdmin ? 'all' : me.permissions.lead?.scope;
  const chooseOwner = !!scope && scope !== 'own' && can('user', 'read');

  useEffect(() => {
    if (lead) form.setFieldsValue(valuesOf(lead, customDefs));
  }, [lead, customDefs, form]);
  useEffect(() => {
    if (!open) setDuplicate(null);
  }, [open]);

  const save = async (v: Values) => {
    try {
      if (lead) {
        const changes = changesOf(lead, v, customDefs);
        if (Object.keys(changes).length) await update.mutateAsync({ lead, changes });
        void message.success(t('leads.updated'));
      } else {
        const created = await create.mutateAsync(newLeadOf(v, customDefs));
        // Say where it went when the rules or the form gave it to someone else.
        void message.success(
          !created.ownerId
            ? t('leads.createdToPool')
            : created.ownerId !== me.id && created.ownerName
              ? t('leads.createdTo', { name: created.ownerName })
              : t('leads.created'),
        );
        onCreated?.(created);
      }
      onClose();
    } catch (e) {
      const dup = duplicateLeadOf(e);
      if (dup) setDuplicate(dup);
      else showProblem(e, { form, onConflict: () => void existing.refetch() });
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={560}
      title={t(editing ? 'leads.edit' : 'leads.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="lead-form-submit"
      loading={editing && !lead}
    >
      {duplicate && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="lead-duplicate-panel"
          title={t('leads.duplicateTitle')}
          description={<DuplicateMatches matches={duplicate} onOpen={onClose} />}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={lead ? valuesOf(lead, customDefs) : { assign: 'self' }}
        onFinish={(v) => void save(v)}
        onValuesChange={(changed) => {
          // A changed company, phone or e-mail is a new question for the duplicate check.
          if ('company' in changed || 'phone' in changed || 'email' in changed) setDuplicate(null);
        }}
        data-testid="lead-form"
      >
        <LeadFields chooseOwner={chooseOwner} existing={lead} customDefs={customDefs} />
      </Form>
    </FormDrawer>
  );
}
