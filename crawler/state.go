package crawler

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/wallbreak/wallbreak/timeline"
)

// Store is the crawl state in the data directory (state.db, bbolt): what
// each page was when last fetched, the documents and milestones extracted
// from them, and the record of every crawl run. The search index can be
// rebuilt from it at any time.
type Store struct {
	db *bolt.DB
}

var (
	bucketPages      = []byte("pages")
	bucketDocuments  = []byte("documents")
	bucketMilestones = []byte("milestones")
	bucketRuns       = []byte("runs")
	bucketMeta       = []byte("meta")
	bucketPrints     = []byte("fingerprints")
	bucketArchived   = []byte("archived") // URL → newest Location in the archive
)

// storeVersion is the layout version written to the meta bucket.
const storeVersion = "1"

// ErrStoreLocked means another wallbreak process holds the data directory.
var ErrStoreLocked = errors.New("state store is in use by another wallbreak process")

// OpenStore opens (creating if needed) the state store at path. A store
// held by another process, or one that is not a wallbreak store, is an
// error that says so; the file is never rewritten in that case.
func OpenStore(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open state: %w", err)
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: 2 * time.Second})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("open state %s: %w", path, ErrStoreLocked)
	case err != nil:
		return nil, fmt.Errorf("open state %s: not a readable wallbreak state file (%v); move it aside to start afresh", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketPages, bucketDocuments, bucketMilestones, bucketRuns, bucketMeta, bucketPrints, bucketArchived} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		switch v := meta.Get([]byte("version")); {
		case v == nil:
			return meta.Put([]byte("version"), []byte(storeVersion))
		case string(v) != storeVersion:
			return fmt.Errorf("state layout version %s, this wallbreak reads %s", v, storeVersion)
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close flushes and closes the store.
func (s *Store) Close() error { return s.db.Close() }

// PageState is what the crawler remembers of a fetched URL.
type PageState struct {
	URL          string    `json:"url"` // canonical
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Hash         string    `json:"hash,omitempty"` // of the extracted text
	FetchedAt    time.Time `json:"fetched_at"`
	Status       int       `json:"status"`
	DocumentIDs  []string  `json:"document_ids,omitempty"`
	// Next is the page after this one of a paginated forum thread; Open
	// marks a thread's last page, fetched again (conditionally) each run
	// because new replies land there. Listing marks a forum board page.
	Next    string `json:"next,omitempty"`
	Open    bool   `json:"open,omitempty"`
	Listing bool   `json:"listing,omitempty"`
}

// Page returns the state of a canonical URL, if it was fetched before.
func (s *Store) Page(url string) (PageState, bool, error) {
	var p PageState
	found := false
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPages).Get([]byte(url))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &p)
	})
	if err != nil {
		return PageState{}, false, fmt.Errorf("read page state %s: %w", url, err)
	}
	return p, found, nil
}

// PutPage records the state of a fetched page.
func (s *Store) PutPage(p PageState) error {
	return s.db.Update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketPages), []byte(p.URL), p) })
}

// PutDocument stores a document and replaces its milestones, atomically.
func (s *Store) PutDocument(doc timeline.Document, ms []timeline.Milestone) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := putJSON(tx.Bucket(bucketDocuments), []byte(doc.ID), doc); err != nil {
			return err
		}
		if ms == nil {
			ms = []timeline.Milestone{}
		}
		return putJSON(tx.Bucket(bucketMilestones), []byte(doc.ID), ms)
	})
}

// Meta returns a value of the store's meta bucket ("" when unset).
func (s *Store) Meta(key string) (string, error) {
	var v string
	err := s.db.View(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get([]byte(key)))
		return nil
	})
	return v, err
}

// SetMeta sets a value of the store's meta bucket.
func (s *Store) SetMeta(key, value string) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put([]byte(key), []byte(value)) })
}

// PageOfDocument finds the page a document was extracted from.
func (s *Store) PageOfDocument(docID string) (PageState, bool, error) {
	var found PageState
	ok := false
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPages).ForEach(func(_, v []byte) error {
			if ok || !bytes.Contains(v, []byte(docID)) {
				return nil
			}
			var p PageState
			if err := json.Unmarshal(v, &p); err != nil {
				return nil
			}
			if slices.Contains(p.DocumentIDs, docID) {
				found, ok = p, true
			}
			return nil
		})
	})
	return found, ok, err
}

// PutLocation records where the newest archived response for a URL is.
func (s *Store) PutLocation(loc Location) error {
	return s.db.Update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketArchived), []byte(loc.URL), loc) })
}

// Location finds the newest archived response for a URL.
func (s *Store) Location(url string) (Location, bool, error) {
	var loc Location
	found := false
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketArchived).Get([]byte(url))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &loc)
	})
	return loc, found, err
}

// PutFingerprint records the near-duplicate fingerprint of a document.
func (s *Store) PutFingerprint(docID string, fp uint64) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketPrints).Put([]byte(docID), itob(fp)) })
}

// NearDuplicate finds a stored document, other than docID, whose
// fingerprint differs from fp in at most maxBits bits.
func (s *Store) NearDuplicate(docID string, fp uint64, maxBits int) (string, bool, error) {
	var found string
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPrints).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if string(k) != docID && len(v) == 8 && bits.OnesCount64(binary.BigEndian.Uint64(v)^fp) <= maxBits {
				found = string(k)
				return nil
			}
		}
		return nil
	})
	return found, found != "", err
}

// Document returns a stored document and its milestones.
func (s *Store) Document(id string) (timeline.Document, []timeline.Milestone, error) {
	var doc timeline.Document
	var ms []timeline.Milestone
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketDocuments).Get([]byte(id))
		if v == nil {
			return fmt.Errorf("document %s: %w", id, timeline.ErrNotFound)
		}
		if err := json.Unmarshal(v, &doc); err != nil {
			return err
		}
		if mv := tx.Bucket(bucketMilestones).Get([]byte(id)); mv != nil {
			return json.Unmarshal(mv, &ms)
		}
		return nil
	})
	return doc, ms, err
}

// EachDocument calls fn for every stored document with its milestones, in
// id order, stopping at the first error.
func (s *Store) EachDocument(fn func(timeline.Document, []timeline.Milestone) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		ms := tx.Bucket(bucketMilestones)
		return tx.Bucket(bucketDocuments).ForEach(func(k, v []byte) error {
			var doc timeline.Document
			if err := json.Unmarshal(v, &doc); err != nil {
				return fmt.Errorf("document %s: %w", k, err)
			}
			var m []timeline.Milestone
			if mv := ms.Get(k); mv != nil {
				if err := json.Unmarshal(mv, &m); err != nil {
					return fmt.Errorf("milestones of %s: %w", k, err)
				}
			}
			return fn(doc, m)
		})
	})
}

// RunRecord is the record of one crawl of one source.
type RunRecord struct {
	ID        uint64    `json:"id"`
	Source    string    `json:"source"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Fetched   int       `json:"fetched"`
	New       int       `json:"new"`
	Unchanged int       `json:"unchanged"`
	Failed    int       `json:"failed"`
	Errors    []string  `json:"errors"`
	// NotModified counts the conditional requests answered 304 (part of
	// Unchanged, which also counts known pages not asked for at all).
	NotModified int `json:"not_modified"`
}

// AddRun appends a run record and returns it with its id.
func (s *Store) AddRun(r RunRecord) (RunRecord, error) {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		r.ID = id
		return putJSON(b, itob(id), r)
	})
	return r, err
}

// Runs returns up to limit run records (all if limit <= 0), newest first.
func (s *Store) Runs(limit int) ([]RunRecord, error) {
	var out []RunRecord
	err := s.EachRun(func(r RunRecord) bool {
		out = append(out, r)
		return limit <= 0 || len(out) < limit
	})
	return out, err
}

// EachRun calls fn with the run records, newest first, until it returns
// false.
func (s *Store) EachRun(fn func(RunRecord) bool) error {
	return s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRuns).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r RunRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("run %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if !fn(r) {
				return nil
			}
		}
		return nil
	})
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

func itob(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}
