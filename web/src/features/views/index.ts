// 我的视图: saved filter sets of a list.
export { SavedViewsMenu } from './SavedViewsMenu';
export type { SavedView, ViewState } from './views.api';
