package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/crawler"
	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/internal/ingest"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

// story is long enough (events.MinDuplicateRunes) to be fingerprinted
// for near-duplicates, and names actors with dated steps.
const story = "On 20 February 2024, Taobao began accepting WeChat Pay for some orders, its customer service said. " +
	"In September 2021, Alibaba apps such as Ele.me and Youku were connected to WeChat Pay after the Ministry of " +
	"Industry and Information Technology told platforms to stop blocking each other's links. In February 2023, " +
	"ads in WeChat official accounts began to link to Taobao. Analysts said the move ends a decade in which the " +
	"two groups kept their payment systems apart, and that more steps are likely this year."

var published = time.Date(2024, 2, 21, 2, 32, 0, 0, time.UTC)

// doc is a document at url as the crawler hands it over.
func doc(url, title, text string) timeline.Document {
	return timeline.Document{ID: timeline.DocumentID(url), URL: url, Title: title, Lang: "en",
		Publisher: "Nandu", PublishedAt: &published, Text: text}
}

// onTopic is a short (never fingerprinted) document with one milestone.
func onTopic(i int) timeline.Document {
	return doc(fmt.Sprintf("http://news.test/a/%d", i), "Taobao and WeChat Pay",
		fmt.Sprintf("In February 2024, Taobao began accepting WeChat Pay for all users in region %d.", i))
}

// offTopic names no actor of the profile.
func offTopic() timeline.Document {
	return doc("http://news.test/bus", "Bus timetable", "On 3 March 2024, the city council approved a new bus timetable for the old town.")
}

// countingIndex is the real index, counting the batches written to it and
// the event rebuilds; failWith, if set, fails every write.
type countingIndex struct {
	*index.Index
	mu       sync.Mutex
	batches  []int
	rebuilds int
	failWith error
}

func (c *countingIndex) IndexDocuments(items []index.Item) error {
	c.mu.Lock()
	if len(items) > 0 {
		c.batches = append(c.batches, len(items))
	}
	err := c.failWith
	c.mu.Unlock()
	if err != nil {
		return err
	}
	return c.Index.IndexDocuments(items)
}

func (c *countingIndex) RebuildEvents(ctx context.Context) (int, error) {
	c.mu.Lock()
	c.rebuilds++
	c.mu.Unlock()
	return c.Index.RebuildEvents(ctx)
}

func (c *countingIndex) writes() []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]int(nil), c.batches...)
}

// env is a pipeline over a real state store and Bleve index in dir.
type env struct {
	store *crawler.Store
	ix    *countingIndex
	p     *ingest.Pipeline
	logs  *bytes.Buffer
}

// openEnv opens (or reopens) the store and index in dir; they are closed
// when the test ends unless the test closes them first.
func openEnv(t *testing.T, dir string, opts ...ingest.Option) *env {
	t.Helper()
	store, err := crawler.OpenStore(filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(filepath.Join(dir, "index"))
	if err != nil {
		store.Close()
		t.Fatal(err)
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e := &env{store: store, ix: &countingIndex{Index: ix}, logs: &logs}
	e.p = ingest.New(store, e.ix, &milestones.Extractor{}, timeline.DefaultProfile(), log, opts...)
	t.Cleanup(e.kill)
	return e
}

// kill stops as a killed process would: the index and the store are
// closed (what Bleve and bbolt persisted stays), the pipeline is not.
func (e *env) kill() {
	e.ix.Close()
	e.store.Close()
}

func (e *env) put(t *testing.T, docs ...timeline.Document) {
	t.Helper()
	if err := e.p.Put(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
}

func (e *env) flush(t *testing.T) {
	t.Helper()
	if err := e.p.Flush(); err != nil {
		t.Fatal(err)
	}
}

// stored reads a document back from the state store.
func (e *env) stored(t *testing.T, id string) (timeline.Document, []timeline.Milestone) {
	t.Helper()
	d, ms, err := e.store.Document(id)
	if err != nil {
		t.Fatal(err)
	}
	return d, ms
}

// indexed tells whether the index has the document.
func (e *env) indexed(t *testing.T, id string) bool {
	t.Helper()
	ok, err := e.ix.HasArticle(id)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func (e *env) meta(t *testing.T, key string) string {
	t.Helper()
	v, err := e.store.Meta(key)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
