import { lazyPage } from '../../components';

// 线索规则: scoring and assignment rules of leads, each tried on a sample lead (lead pools are in ../pool-settings).
export const LeadRulesPage = lazyPage(() => import('./LeadRulesPage'), 'LeadRulesPage');
