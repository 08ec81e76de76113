import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth, useMe } from '../../app/auth';
import { reachablePages } from '../../app/shell/menu';
import { useRoleLabel } from '../org';
import { TodoSummary } from '../todo';

/** 首页 for now: who I am and where I can go — only real data, nothing invented. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const roleLabel = useRoleLabel();
  const pages = reachablePages(t, (object) => can(object, 'read'));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Flex vertical gap={16}>
          <Card data-testid="welcome-card">
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t('home.greeting', { name: me.name })}
            </Typography.Title>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t('home.org')}>{me.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('home.department')}>{me.departmentName}</Descriptions.Item>
              {me.title && <Descriptions.Item label={t('home.jobTitle')}>{me.title}</Descriptions.Item>}
              <Descriptions.Item label={t('home.roles')}>
                <Flex wrap gap={4}>
                  {me.roles.map((r) => (
                    <Tag key={r} color="blue">
                      {roleLabel(r)}
                    </Tag>
                  ))}
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.email')}>{me.email}</Descriptions.Item>
              {me.mobile && <Descriptions.Item label={t('home.mobile')}>{me.mobile}</Descriptions.Item>}
              <Descriptions.Item label={t('home.timeZone')}>{me.timeZone}</Descriptions.Item>
            </Descriptions>
          </Card>
          <TodoSummary />
        </Flex>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('home.shortcuts')}>
          <Flex vertical gap={12}>
            {pages.map((p) => (
              <Link key={p.path} to={p.path}>
                <Flex gap={8} align="center">
                  {p.icon}
                  {p.label}
                </Flex>
              </Link>
            ))}
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
