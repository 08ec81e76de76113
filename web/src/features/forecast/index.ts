import { lazyPage } from '../../components';

// 成交预测: the forecast of a window with categories, adjustments and its back-tested accuracy.
export const ForecastPage = lazyPage(() => import('./ForecastPage'), 'ForecastPage');
