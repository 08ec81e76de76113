import { lazyPage } from '../../components';

// 绩效考核: scores and ranking per 考核方案 and period, with the breakdown of each score.
export const ScorecardsPage = lazyPage(() => import('./ScorecardsPage'), 'ScorecardsPage');
