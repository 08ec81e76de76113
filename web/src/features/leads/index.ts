import { lazyPage } from '../../components';

// 线索: the lead list, a lead's page (score, why it has its owner, the first-follow-up deadline and
// 跟进记录) and the 线索池 where reps claim waiting leads (conversion comes in a later slice).
export const LeadsPage = lazyPage(() => import('./LeadsPage'), 'LeadsPage');
export const LeadPage = lazyPage(() => import('./LeadPage'), 'LeadPage');
export const LeadPoolPage = lazyPage(() => import('./LeadPoolPage'), 'LeadPoolPage');
