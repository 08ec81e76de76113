// Every module's objects (with their roles' default rights), attachable and timeline hooks, registered
// with the platform by importing this once. Whatever makes an org or serves requests imports it, so a
// role seeded outside the app (the CLI, `npm run bench:data`) gets the same rights as one the app makes.
import './customers/objects.js';
import './contacts/objects.js';
import './leads/objects.js';
import './opportunities/objects.js';
import './approvals/objects.js';
import './scripts/objects.js';
import './follow-ups/objects.js';
import './opportunities/follow-ups.js';
import './customers/follow-ups.js';
import './pools/objects.js';
import './pools/handover.js';
import './custom-fields/objects.js';
import './targets/objects.js';
import './scorecards/objects.js';
import './forecast/objects.js';
import './insights/objects.js';
import './dashboards/objects.js';
