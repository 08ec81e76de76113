import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { copyText } from '../../components/copy-text';
import { type Script, useScriptMutations } from './scripts.api';

/** 复制: puts the script on the clipboard, then counts the use. */
export function useCopyScript() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const { use } = useScriptMutations();
  return async (s: Pick<Script, 'id' | 'content'>) => {
    try {
      await copyText(s.content);
    } catch {
      void message.error(t('common.copyFailed'));
      return;
    }
    void message.success(t('scripts.copied'));
    use.mutate(s.id, { onError: (e) => showProblem(e) });
  };
}
