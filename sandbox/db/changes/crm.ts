/**
 * The CRM tables (contacts, customer notes and call logs, tasks, opportunities). Each belongs to a customer
 * and goes with it (ON DELETE CASCADE). Lists are newest first, so every filter has an index ending in id.
 */
import type { Migration } from '../migrations';

export const crmContacts: Migration = {
  name: 'crm-contacts',
  up: (db) =>
    db.exec(`
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  data_source_id INTEGER NOT NULL REFERENCES data_sources(id) ON DELETE CASCADE,
  external_id TEXT, position INTEGER NOT NULL,
  first_name TEXT, last_name TEXT, title TEXT, email TEXT, phone TEXT, linked_in TEXT, twitter TEXT, notes TEXT,
  custom TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL,
  UNIQUE(data_source_id, external_id));
CREATE INDEX contacts_customer ON contacts(customer_id, id);
CREATE INDEX contacts_email ON contacts(email, id);
CREATE INDEX contacts_source ON contacts(data_source_id, id);`),
};

export const crmNotes: Migration = {
  name: 'crm-notes',
  up: (db) =>
    db.exec(`
CREATE TABLE customer_notes (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  type TEXT NOT NULL, text TEXT NOT NULL DEFAULT '', call_duration INTEGER NOT NULL DEFAULT 0,
  author_email TEXT NOT NULL, author TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX customer_notes_customer ON customer_notes(customer_id, id);
CREATE INDEX customer_notes_type ON customer_notes(type, id);
CREATE INDEX customer_notes_author ON customer_notes(author_email, id);`),
};

export const crmTasks: Migration = {
  name: 'crm-tasks',
  up: (db) =>
    db.exec(`
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  task_details TEXT NOT NULL, assignee TEXT NOT NULL, due_date INTEGER NOT NULL, completed_at INTEGER,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX tasks_customer ON tasks(customer_id, id);
CREATE INDEX tasks_assignee ON tasks(assignee, id);
CREATE INDEX tasks_due ON tasks(due_date, id);`),
};

export const crmOpportunities: Migration = {
  name: 'crm-opportunities',
  up: (db) =>
    db.exec(`
CREATE TABLE opportunities (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  owner TEXT NOT NULL, pipeline TEXT NOT NULL, pipeline_stage TEXT NOT NULL, estimated_close_date TEXT NOT NULL,
  currency TEXT NOT NULL, amount_in_cents INTEGER NOT NULL, type TEXT NOT NULL, forecast_category TEXT NOT NULL,
  win_likelihood INTEGER, custom TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX opportunities_customer ON opportunities(customer_id, id);
CREATE INDEX opportunities_owner ON opportunities(owner, id);
CREATE INDEX opportunities_pipeline ON opportunities(pipeline, pipeline_stage, id);
CREATE INDEX opportunities_close ON opportunities(estimated_close_date, id);`),
};

/**
 * The two equality filters no index served: a stage without its pipeline (the pipeline index leads with
 * the pipeline), and `completed` (an expression index, used where the filter writes the same expression).
 */
export const crmFilterIndexes: Migration = {
  name: 'crm-filter-indexes',
  up: (db) =>
    db.exec(`
CREATE INDEX opportunities_stage ON opportunities(pipeline_stage, id);
CREATE INDEX tasks_completed ON tasks((completed_at IS NOT NULL), id);`),
};
