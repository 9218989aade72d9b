/** Assembles the express app: admin routes, then every API route behind auth, limits, faults and body parsing. */
import express, { type Express, type RequestHandler } from 'express';
import type { Store } from './store/context';
import { Stats } from './http/stats';
import { authenticate } from './http/auth';
import { limits } from './http/limits';
import { createFaults } from './http/faults';
import { checkJsonBody, errorHandler, parseJson } from './http/body';
import { ApiRoutes } from './http/routes';
import { sendJson } from './http/send';
import { codeError } from './http/errors';
import { sameOriginGuard } from './http/guard';
import type { FaultOptions } from './options';
import { adminRouter } from './routes/admin';
import { registerAccount } from './routes/account';
import { registerDataSources } from './routes/dataSources';
import { registerCustomers } from './routes/customers';
import { registerCustomerAttributes } from './routes/customerAttributes';
import { registerCustomerLinks } from './routes/customerLinks';
import { registerPlans } from './routes/plans';
import { registerPlanGroups } from './routes/planGroups';
import { registerInvoices } from './routes/invoices';
import { registerSubscriptions } from './routes/subscriptions';
import { registerContacts } from './routes/contacts';
import { registerNotes } from './routes/notes';
import { registerTasks } from './routes/tasks';
import { registerOpportunities } from './routes/opportunities';
import { registerSubscriptionEvents } from './routes/subscriptionEvents';
import { registerInvoiceEdits } from './routes/invoiceEdits';
import { registerLineItems } from './routes/lineItems';
import { registerTransactions } from './routes/transactions';
import { registerJsonImports } from './routes/jsonImports';
import { exportFilesRouter, registerAnalytics } from './analytics/routes';
import { webhookAdminRouter } from './analytics/webhooks/admin';
import { catchUp } from './analytics';

const ADMIN_PREFIX = '/__sandbox';

export interface AppSettings {
  store: Store;
  apiKeys: string[];
  limits: boolean;
  faults: FaultOptions;
  /** Empties the data (admin reset). */
  reset: () => void;
  /** The `host:port` names the sandbox answers to (known once it listens); see http/guard.ts. */
  ownHosts: () => ReadonlySet<string>;
}

export function createApp(settings: AppSettings): { app: Express; stats: Stats } {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const stats = new Stats();
  // First of all: no route, admin or API, answers a foreign Host or Origin.
  app.use(sameOriginGuard(settings.ownHosts));
  // The admin routes all live under /__sandbox (express matches paths case-insensitively): an API request
  // skips their three routers with one comparison.
  const admin = express.Router();
  admin.use(
    adminRouter(stats, () => {
      settings.reset();
      stats.reset();
    }),
  );
  admin.use(exportFilesRouter(settings.store));
  admin.use(webhookAdminRouter(settings.store));
  app.use((req, res, next) => {
    if (req.path.slice(0, ADMIN_PREFIX.length).toLowerCase() === ADMIN_PREFIX) admin(req, res, next);
    else next();
  });

  const faults = createFaults(settings.faults);
  const chain: RequestHandler[] = [authenticate(new Set(settings.apiKeys))];
  if (settings.limits) chain.push(limits());
  chain.push(faults.before, parseJson, checkJsonBody);

  const router = express.Router();
  // Derived state dated after the clock at its derivation becomes current once the clock passes it.
  router.use('/v1', (_req, _res, next) => {
    catchUp(settings.store);
    next();
  });
  const api = new ApiRoutes(router, chain, settings.store, stats, faults);
  registerAccount(api);
  registerDataSources(api);
  registerCustomers(api);
  registerCustomerAttributes(api);
  registerCustomerLinks(api);
  registerPlans(api);
  registerPlanGroups(api);
  registerInvoices(api);
  registerSubscriptions(api);
  registerContacts(api);
  registerNotes(api);
  registerTasks(api);
  registerOpportunities(api);
  registerSubscriptionEvents(api);
  registerInvoiceEdits(api);
  registerLineItems(api);
  registerTransactions(api);
  registerJsonImports(api);
  registerAnalytics(api);
  app.use(router);

  // No route: Rails' answer in ChartMogul's dialect A, unlike a missing record's {"error":"<Thing> not found"}.
  app.use((req, res) => {
    const e = codeError(404, `No route matches [${req.method}] "${req.path}"`);
    sendJson(res, e.status, e.body);
  });
  app.use(errorHandler);
  return { app, stats };
}
