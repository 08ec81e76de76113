import { lazyPage } from '../../components';

// 销售流程 (系统设置): pipelines, their stages and stage requirements; the deal pages are in ../opportunities.
export const PipelineSettingsPage = lazyPage(() => import('./PipelineSettingsPage'), 'PipelineSettingsPage');
