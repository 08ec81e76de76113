import { lazyPage } from '../../components';

// 导入/导出: the export button of lists and the import wizard.
export { ExportButton } from './ExportButton';
export { ImportButton } from './ImportButton';
export const ImportWizardPage = lazyPage(() => import('./ImportWizardPage'), 'ImportWizardPage');
export { downloadFile } from './download';
