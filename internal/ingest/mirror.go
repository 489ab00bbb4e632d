package ingest

import (
	"slices"
	"unicode/utf8"

	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/events"
)

// mirror checks a document against the ones stored before. A repost of a
// known story (a near-identical text on another page) is stored as a
// mirror of the first copy, which lists it; it adds no milestones of its
// own, so one story is not counted as two.
func (p *Pipeline) mirror(d timeline.Document) (bool, error) {
	if utf8.RuneCountInString(d.Text) < events.MinDuplicateRunes {
		return false, nil
	}
	fp := events.Fingerprint(d.Text)
	origID, found, err := p.store.NearDuplicate(d.ID, fp, events.NearDuplicateBits)
	if err != nil || !found {
		if err == nil {
			err = p.store.PutFingerprint(d.ID, fp)
		}
		return false, err
	}
	orig, ms, err := p.store.Document(origID)
	if err != nil {
		return false, err
	}
	if orig.URL == d.URL {
		return false, nil // the same page, changed: extract it again
	}
	d.DuplicateOf = origID
	if err := p.store.PutDocument(d, nil); err != nil {
		return false, err
	}
	if !slices.ContainsFunc(orig.Mirrors, func(m timeline.Mirror) bool { return m.URL == d.URL }) {
		if err := p.addMirror(orig, ms, d); err != nil {
			return false, err
		}
	}
	p.log.Info("repost of a known story recorded as a mirror", "url", d.URL, "original", orig.URL)
	return true, nil
}

// addMirror lists the repost d on its original, in the store and in the
// index.
func (p *Pipeline) addMirror(orig timeline.Document, ms []timeline.Milestone, d timeline.Document) error {
	// The original may still wait in the batch: index it first, so the
	// version with its mirror is the one that stays.
	if err := p.Flush(); err != nil {
		return err
	}
	orig.Mirrors = append(orig.Mirrors, timeline.Mirror{URL: d.URL, Title: d.Title, Publisher: d.Publisher, PublishedAt: d.PublishedAt})
	if err := p.store.PutDocument(orig, ms); err != nil {
		return err
	}
	return p.index.IndexDocuments([]index.Item{p.item(orig, ms)})
}
