// 导入/导出: the export button of lists and the import wizard.
export { ExportButton } from './ExportButton';
