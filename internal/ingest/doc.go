// Package ingest is what happens to a fetched document until it is stored,
// indexed and clustered. A Pipeline is the crawler's Sink: for each
// document it checks whether the text reposts a story already stored (a
// mirror), extracts dated milestones, writes both to the state store, and
// queues the document for the search index, which takes documents in
// batches. After a crawl, CrawlDone writes the last batch and clusters the
// milestones into events.
//
// The state store is the source of truth. Recover, run when a process
// opens the index for writing, finds documents a killed process stored but
// never indexed and indexes them again; Close records the clean stop.
package ingest
