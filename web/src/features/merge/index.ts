// 合并客户: the merge screen (from the customer list) and the merge history with undo (on the 360 page).
export { MergeDrawer } from './MergeDrawer';
export { MergeHistory } from './MergeHistory';
