package ingest

import (
	"errors"
	"fmt"

	"github.com/wallbreak/wallbreak/timeline"
)

// metaIndexOpen is set in the state store while a process has the index
// open for writing, and cleared when it closes it cleanly.
const metaIndexOpen = "index_open"

// Recover makes the index agree with the state store after a crash, then
// marks the index open for writing until Close. A document is written to
// the store before it is indexed, and Bleve persists its newest segments
// in the background, so a process killed mid-crawl can leave stored
// documents missing from the index: they are indexed again from the store.
// The store is the source of truth; nothing is fetched.
func (p *Pipeline) Recover() error {
	open, err := p.store.Meta(metaIndexOpen)
	if err != nil {
		return err
	}
	if open == "1" {
		n, err := p.Reconcile()
		if err != nil {
			return fmt.Errorf("recover the index after an unclean shutdown: %w", err)
		}
		p.log.Warn("the last run did not shut down cleanly; index checked against the state store", "reindexed", n)
	}
	return p.store.SetMeta(metaIndexOpen, "1")
}

// Reconcile indexes every stored document the index lacks and says how
// many there were. Reposts and off-topic documents are not missing: they
// are never indexed.
func (p *Pipeline) Reconcile() (int, error) {
	n := 0
	err := p.store.EachDocument(func(d timeline.Document, ms []timeline.Milestone) error {
		if !p.indexable(d, ms) {
			return nil
		}
		ok, err := p.index.HasArticle(d.ID)
		if err != nil || ok {
			return err
		}
		n++
		return p.queue(p.item(d, ms))
	})
	if err == nil {
		err = p.Flush()
	}
	return n, err
}

// Close indexes what waits for a batch and closes the index; if both
// succeed, it records the clean stop in the store. The store stays open:
// it is the caller's to close.
func (p *Pipeline) Close() error {
	if err := errors.Join(p.Flush(), p.index.Close()); err != nil {
		return err
	}
	return p.store.SetMeta(metaIndexOpen, "0")
}
