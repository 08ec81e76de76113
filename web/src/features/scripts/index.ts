import { lazyPage } from '../../components';

// 话术库: scripts by scenario, objection and stage — searched, copied (counted) and rated; managers
// write them. A deal's page shows those for its current stage.
export const ScriptsPage = lazyPage(() => import('./ScriptsPage'), 'ScriptsPage');
export { DealScripts } from './DealScripts';
