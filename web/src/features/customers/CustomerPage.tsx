import { DeleteOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Modal, Result, Row, Tabs } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ApiProblem } from '../../app/problem';
import { LoadError, PageHeader, PageSpinner, useIsPhone, useShowProblem } from '../../components';
import { AttachmentsPanel } from '../attachments';
import { ContactsTab } from '../contacts';
import { FollowUpsPanel } from '../follow-ups';
import { MergeHistory } from '../merge';
import { CustomerDeals } from '../opportunities';
import { OwnershipActions, TeamCard } from '../pools';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { CustomerProfile } from './CustomerProfile';
import { CustomerTimeline } from './CustomerTimeline';
import { useCustomer, useCustomerMutations } from './customers.api';

/** 客户 360: key fields on the left; 联系人, 跟进记录, 商机, 附件 and 操作日志 on the right. */
export function CustomerPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [modal, modalHolder] = Modal.useModal();
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('contacts');
  const tabs = useRef<HTMLDivElement>(null);
  const customer = useCustomer(id);
  const { remove } = useCustomerMutations();
  const showProblem = useShowProblem();
  const { can } = useAuth();
  const phone = useIsPhone();

  if (customer.isPending) return <PageSpinner />;
  if (customer.isError) {
    if (customer.error instanceof ApiProblem && customer.error.status === 404)
      return (
        <Result
          status="404"
          title={t('customers.notFoundTitle')}
          data-testid="customer-not-found"
          extra={
            <Link to="/customers">
              <Button type="primary">{t('customers.backToList')}</Button>
            </Link>
          }
        />
      );
    return <LoadError error={customer.error} onRetry={() => void customer.refetch()} />;
  }
  const c = customer.data;
  const confirmDelete = () =>
    void modal.confirm({
      title: t('customers.deleteConfirm', { name: c.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await remove.mutateAsync(c);
          void message.success(t('customers.deleted'));
          navigate('/customers');
        } catch (e) {
          showProblem(e, { onConflict: () => void customer.refetch() });
        }
      },
    });

  return (
    <>
      {modalHolder}
      <PageHeader
        title={<span style={{ wordBreak: 'break-word' }}>{c.name}</span>}
        subtitle={c.shortName}
        extra={
          <>
            {c.myAccess.update && (
              // 写跟进 in one tap, also on a phone where the tabs sit below the profile.
              <Button
                icon={<FormOutlined />}
                onClick={() => {
                  setTab('follow-ups');
                  tabs.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                }}
                data-testid="write-follow-up"
              >
                {t('followUps.write')}
              </Button>
            )}
            <OwnershipActions customer={c} />
            {c.myAccess.update && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-customer">
                {t('common.edit')}
              </Button>
            )}
            {c.myAccess.delete && (
              <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="delete-customer">
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <Card title={t('customers.profile')}>
              <CustomerProfile customer={c} canEdit={c.myAccess.update} />
            </Card>
            <TeamCard customer={c} />
            <MergeHistory customerId={c.id} />
          </Flex>
        </Col>
        <Col xs={24} lg={15}>
          <Card ref={tabs}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              tabBarGutter={phone ? 16 : undefined}
              items={[
                {
                  key: 'contacts',
                  label: t('contacts.tab'),
                  children: <ContactsTab customer={c} canEdit={c.myAccess.update} />,
                },
                {
                  key: 'follow-ups',
                  label: t('followUps.tab'),
                  children: <FollowUpsPanel object="customer" recordId={c.id} canWrite={c.myAccess.update} />,
                },
                ...(can('opportunity', 'read')
                  ? [
                      {
                        key: 'deals',
                        label: t('customers.tabs.deals'),
                        children: <CustomerDeals customer={c} />,
                      },
                    ]
                  : []),
                {
                  key: 'attachments',
                  label: t('customers.tabs.files'),
                  children: (
                    <AttachmentsPanel object="customer" recordId={c.id} canEdit={c.myAccess.update} />
                  ),
                },
                { key: 'log', label: t('customers.tabs.log'), children: <CustomerTimeline customer={c} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <CustomerFormDrawer open={editing} customerId={c.id} onClose={() => setEditing(false)} />
    </>
  );
}
