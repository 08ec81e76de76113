import { lazyPage } from '../../components';

// 线索: the lead list and a lead's page (scoring, assignment, pools and conversion come in later slices).
export const LeadsPage = lazyPage(() => import('./LeadsPage'), 'LeadsPage');
export const LeadPage = lazyPage(() => import('./LeadPage'), 'LeadPage');
