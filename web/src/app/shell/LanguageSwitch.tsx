import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { meKey } from '../auth';
import { changeLanguage, currentLanguage, type Language, languages } from '../i18n';
import { unwrap } from '../problem';

/** zh-CN ⇄ English; remembered in this browser and, when signed in, on the user's account. */
export function LanguageSwitch({ signedIn, showLabel }: { signedIn: boolean; showLabel: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const choose = async (lang: Language) => {
    await changeLanguage(lang);
    if (!signedIn) return;
    const me = await unwrap(api.PATCH('/api/v1/me', { body: { locale: lang } })).catch(() => null);
    if (me) queryClient.setQueryData(meKey, me);
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [currentLanguage()],
        items: languages.map((lang) => ({ key: lang, label: t(`lang.${lang}`) })),
        onClick: ({ key }) => void choose(key as Language),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={t('header.language')}
        data-testid="language-switch"
      >
        {showLabel && t(`lang.${currentLanguage()}`)}
      </Button>
    </Dropdown>
  );
}
