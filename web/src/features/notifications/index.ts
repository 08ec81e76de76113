// 通知中心: the signed-in user's in-app notices, shown from the header bell.
export { NotificationBell } from './NotificationBell';
