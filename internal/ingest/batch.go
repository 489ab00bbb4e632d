package ingest

import "github.com/wallbreak/wallbreak/index"

// queue adds a document to the next index batch, writing the batch when
// it is full.
func (p *Pipeline) queue(it index.Item) error {
	p.pendingMu.Lock()
	defer p.pendingMu.Unlock()
	p.pending = append(p.pending, it)
	if len(p.pending) < p.batchSize {
		return nil
	}
	return p.flushLocked()
}

// Flush indexes the documents waiting for a batch.
func (p *Pipeline) Flush() error {
	p.pendingMu.Lock()
	defer p.pendingMu.Unlock()
	return p.flushLocked()
}

func (p *Pipeline) flushLocked() error {
	items := p.pending
	p.pending = nil
	return p.index.IndexDocuments(items)
}
