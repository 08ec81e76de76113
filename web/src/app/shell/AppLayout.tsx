import { ConfigProvider, Drawer, Layout } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { PageSpinner, useIsDesktop, useIsPhone } from '../../components';
import { Brand } from './Brand';
import { HeaderBar } from './HeaderBar';
import { SideMenu } from './SideMenu';

/** The height of the side menu's collapse trigger (antd's default), at the bottom of the sider. */
const siderTrigger = 48;

// Cards keep more of a phone's 390 px for their content.
const phoneCard = { styles: { body: { padding: 12 }, header: { paddingInline: 12 } } };

/** The signed-in frame: side menu (a drawer below 992 px), header, and the routed page. */
export function AppLayout() {
  const desktop = useIsDesktop();
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {desktop && (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={240}
          theme="light"
          style={{
            borderInlineEnd: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            height: '100vh',
          }}
        >
          <div style={{ padding: '14px 20px', height: 56 }}>
            <Brand compact={collapsed} />
          </div>
          {/* The menu scrolls between the brand and the collapse trigger, so no entry hides behind it. */}
          <div style={{ height: `calc(100vh - 56px - ${siderTrigger}px)`, overflowY: 'auto' }}>
            <SideMenu collapsed={collapsed} />
          </div>
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header style={{ borderBottom: '1px solid #f0f0f0', position: 'sticky', top: 0, zIndex: 10 }}>
          <HeaderBar showMenuButton={!desktop} onOpenMenu={() => setDrawerOpen(true)} />
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <ConfigProvider card={phone ? phoneCard : undefined}>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </ConfigProvider>
        </Layout.Content>
      </Layout>
      {!desktop && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={<Brand />}
          styles={{ body: { padding: 8 } }}
        >
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
