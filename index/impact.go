package index

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/scorer"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Block-max skipping: the best page without scoring every match.
//
// A word as common as "payment" matches most of a million articles, and a
// page by relevance wants the twenty best. Scoring all of them (each one's
// frequency and norm decoded from the postings) was most of such a query's
// time. A term's score under tf-idf grows with sqrt(frequency) × norm and
// nothing else that varies by document, so for each block of a term's
// postings in a segment the document with the greatest sqrt(freq) × norm
// scores highest, and its score bounds every other document's in the
// block. Once the page is full, the terms searcher skips every stretch of
// candidates whose bound cannot beat the page's worst score (a tie cannot
// either: it comes later in document order and loses), without decoding
// them — block-max skipping, as in Lucene's block-max WAND, for the
// conjunctions of terms that terms.go searches.
//
// Scorch keeps no such maxima, so they are read here, once per segment and
// term, from the postings, and kept while the segment lives (segments never
// change; deletions only remove documents, which cannot raise a bound). The
// first search that would use them asks for them and goes on scoring
// everything; a background worker reads them, one term at a time, and
// later searches skip. What is kept is bounded (impactBudget); the least
// recently used go first.

// impactBlock is how many postings share one bound: fewer make bounds
// tighter, more make them cheaper to keep and check (Scorch decodes about
// a thousand postings per chunk).
var impactBlock = 32

// minImpactCands is the fewest candidates in a segment for which skipping
// is worth asking bounds for.
var minImpactCands uint64 = 1024

// impactBudget is the most memory (bytes) the bounds may take.
var impactBudget = 64 << 20

// impacts are a term's bounds in one segment: block i holds the postings
// numbered below ends[i] (and at or above ends[i-1]); its best document has
// frequency freq[i] and norm norm[i].
type impacts struct {
	ends []uint32
	freq []uint32
	norm []float32
}

func (im *impacts) size() int { return 64 + 12*len(im.ends) }

// readImpacts reads the bounds of term in field of seg: every posting,
// deleted or not (a deleted document only makes a bound looser).
func readImpacts(seg segment.Segment, field, term string) (*impacts, error) {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("impacts: field %s: %w", field, err)
	}
	pl, err := dict.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("impacts: %s:%s: %w", field, term, err)
	}
	im := &impacts{}
	if pl == nil {
		return im, nil
	}
	it := pl.Iterator(true, true, false, nil)
	var (
		in       int     // postings in the current block
		best     float64 // its greatest sqrt(freq) × norm
		bf       uint64
		bn       float64
		last     uint64
		anything bool
	)
	for {
		p, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("impacts: %s:%s: %w", field, term, err)
		}
		if p == nil {
			break
		}
		if in == impactBlock {
			im.add(last, bf, bn)
			in, best = 0, math.Inf(-1)
		}
		f, n := p.Frequency(), p.Norm()
		if v := termWeight(f) * n; in == 0 || v > best {
			best, bf, bn = v, f, n
		}
		last, anything = p.Number(), true
		in++
	}
	if anything {
		im.add(last, bf, bn)
	}
	return im, nil
}

func (im *impacts) add(last, freq uint64, norm float64) {
	im.ends = append(im.ends, uint32(min(last+1, math.MaxUint32)))
	im.freq = append(im.freq, uint32(min(freq, math.MaxUint32)))
	im.norm = append(im.norm, float32(norm))
}

// termWeight is sqrt(freq) as Bleve's term scorer computes it.
func termWeight(freq uint64) float64 {
	if freq < scorer.MaxSqrtCache {
		return scorer.SqrtCache[freq]
	}
	return math.Sqrt(float64(freq))
}

// impactCache keeps the bounds of the terms searched, per segment.
type impactCache struct {
	mu      sync.Mutex
	segs    map[uint64]map[fieldTerm]*impactEntry // by Scorch segment id
	bytes   int
	clock   uint64
	queue   []impactJob
	running bool
	closed  bool
	done    sync.WaitGroup
	// inline reads bounds in the searching goroutine; off turns skipping
	// off (tests).
	inline, off bool
}

type impactEntry struct {
	im   *impacts // nil while being read
	used uint64
}

type impactJob struct {
	snap *scorch.IndexSnapshot // held until read
	ss   *scorch.SegmentSnapshot
	ft   fieldTerm
}

// get returns the bounds of ft in ss, or nil when they are not read yet:
// then they are asked for, and read in the background (snap, which holds
// ss, is kept open until they are).
func (c *impactCache) get(snap *scorch.IndexSnapshot, ss *scorch.SegmentSnapshot, ft fieldTerm) *impacts {
	c.mu.Lock()
	if c.closed || c.off {
		c.mu.Unlock()
		return nil
	}
	if c.segs == nil {
		c.segs = map[uint64]map[fieldTerm]*impactEntry{}
	}
	terms := c.segs[ss.Id()]
	if terms == nil {
		terms = map[fieldTerm]*impactEntry{}
		c.segs[ss.Id()] = terms
	}
	c.clock++
	if e := terms[ft]; e != nil {
		e.used = c.clock
		im := e.im // read under the lock: the worker stores it
		c.mu.Unlock()
		return im
	}
	e := &impactEntry{used: c.clock}
	terms[ft] = e
	if c.inline {
		c.mu.Unlock()
		im, err := readImpacts(ss.Segment(), ft.field, ft.term)
		if err != nil {
			im = &impacts{} // no bounds: nothing is skipped
		}
		c.mu.Lock()
		c.store(e, im)
		c.mu.Unlock()
		return im
	}
	snap.AddRef()
	c.queue = append(c.queue, impactJob{snap: snap, ss: ss, ft: ft})
	if !c.running {
		c.running = true
		c.done.Add(1)
		go c.work()
	}
	c.mu.Unlock()
	return nil
}

// work reads the bounds asked for until none is left.
func (c *impactCache) work() {
	defer c.done.Done()
	for {
		c.mu.Lock()
		if len(c.queue) == 0 || c.closed {
			c.running = false
			c.mu.Unlock()
			return
		}
		j := c.queue[0]
		c.queue = c.queue[1:]
		c.mu.Unlock()

		im, err := readImpacts(j.ss.Segment(), j.ft.field, j.ft.term)
		_ = j.snap.DecRef()
		if err != nil {
			// A segment that cannot be read is not for skipping: it is
			// searched the ordinary way (which reports the error).
			im = &impacts{}
		}
		c.mu.Lock()
		if e := c.segs[j.ss.Id()][j.ft]; e != nil && e.im == nil {
			c.store(e, im)
		}
		c.mu.Unlock()
	}
}

// store sets e's bounds and keeps the cache within its budget, forgetting
// the least recently used. Called with c.mu held.
func (c *impactCache) store(e *impactEntry, im *impacts) {
	if im.size() > impactBudget/4 {
		// Kept, it would push out most others, and dropped it would be
		// read again and again: this term is searched without bounds.
		im = &impacts{}
	}
	e.im = im
	c.bytes += im.size()
	if c.bytes <= impactBudget {
		return
	}
	type ref struct {
		seg uint64
		ft  fieldTerm
		e   *impactEntry
	}
	var all []ref
	for seg, terms := range c.segs {
		for ft, e := range terms {
			if e.im != nil {
				all = append(all, ref{seg, ft, e})
			}
		}
	}
	slices.SortFunc(all, func(a, b ref) int {
		switch {
		case a.e.used < b.e.used:
			return -1
		case a.e.used > b.e.used:
			return 1
		}
		return 0
	})
	for _, r := range all {
		if c.bytes <= impactBudget*3/4 {
			break
		}
		c.bytes -= r.e.im.size()
		delete(c.segs[r.seg], r.ft)
		if len(c.segs[r.seg]) == 0 {
			delete(c.segs, r.seg)
		}
	}
}

// prune forgets the segments no longer in the index.
func (c *impactCache) prune(live []*scorch.SegmentSnapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.segs) <= len(live) {
		return
	}
	keep := segmentIDs(live)
	for id, terms := range c.segs {
		if keep[id] {
			continue
		}
		for _, e := range terms {
			if e.im != nil {
				c.bytes -= e.im.size()
			}
		}
		delete(c.segs, id)
	}
}

// wait returns when nothing asked for is still being read.
func (c *impactCache) wait() { c.done.Wait() }

// close stops reading bounds (what was asked for is dropped) and waits for
// the reader.
func (c *impactCache) close() {
	c.mu.Lock()
	c.closed = true
	queue := c.queue
	c.queue = nil
	c.mu.Unlock()
	for _, j := range queue {
		_ = j.snap.DecRef()
	}
	c.done.Wait()
}
