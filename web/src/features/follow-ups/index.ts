import { lazyPage } from '../../components';

// 跟进记录 of leads, customers and deals: 写跟进 (how, what, for how long, who took part, a visit's
// 签到) and the log of a record, newest first. Each record's page decides who may write.
export { FollowUpForm } from './FollowUpForm';
export { FollowUpList } from './FollowUpList';
export { FollowUpsPanel } from './FollowUpsPanel';
/** 跟进动态: the team's follow-ups newest first, with 点评. */
export const TeamFeedPage = lazyPage(() => import('./TeamFeedPage'), 'TeamFeedPage');
export { type FollowUp, type FollowUpObject, useFollowUps, useWriteFollowUp } from './follow-ups.api';
/** 跟进设置: next follow-up required, working hours, the daily reminder. */
export const FollowUpSettingsPage = lazyPage(() => import('./FollowUpSettingsPage'), 'FollowUpSettingsPage');
