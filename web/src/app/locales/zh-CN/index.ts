import { approvals } from './approvals';
import { attachments } from './attachments';
import { auth } from './auth';
import { common } from './common';
import { contacts } from './contacts';
import { customers } from './customers';
import { customFields } from './customFields';
import { dashboards } from './dashboards';
import { followUpFeed } from './followUpFeed';
import { followUps } from './followUps';
import { forecast } from './forecast';
import { imports } from './imports';
import { insights } from './insights';
import { leadRules } from './leadRules';
import { leads } from './leads';
import { merge } from './merge';
import { opportunities } from './opportunities';
import { org } from './org';
import { performance } from './performance';
import { pipelines } from './pipelines';
import { pools } from './pools';
import { poolsRep } from './poolsRep';
import { scorecards } from './scorecards';
import { scripts } from './scripts';
import { system } from './system';
import { targets } from './targets';
import { todo } from './todo';
import { views } from './views';

// The source catalogue: every other language has exactly these keys (checked by the type of `en`).
export const zhCN = {
  ...imports,
  ...dashboards,
  ...common,
  ...auth,
  ...org,
  ...system,
  ...customers,
  ...contacts,
  ...poolsRep,
  ...merge,
  ...views,
  ...attachments,
  ...customFields,
  ...pools,
  ...leads,
  ...leadRules,
  ...pipelines,
  ...opportunities,
  ...approvals,
  ...todo,
  ...performance,
  ...targets,
  ...scorecards,
  ...forecast,
  ...insights,
  ...scripts,
  ...followUpFeed,
  ...followUps,
};
