export { DuplicateMatches } from './DuplicateMatches';
export { LoadMore } from './LoadMore';
export { lazyPage } from './lazy-page';
export { PageHeader } from './PageHeader';
export { SecretOnce } from './SecretOnce';
export { LoadError, PageSpinner } from './States';
export { Time } from './Time';
export { useIsDesktop, useIsPhone } from './use-media';
export { useShowProblem } from './use-show-problem';
