package ingest_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/wallbreak/wallbreak/internal/ingest"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

// metaIndexOpen is the state store's key for "a process has the index
// open": it is on disk, so it must not change.
const metaIndexOpen = "index_open"

func TestBatchIsWrittenWhenFull(t *testing.T) {
	e := openEnv(t, t.TempDir(), ingest.WithBatchSize(3))
	e.put(t, onTopic(1), onTopic(2))
	if w := e.ix.writes(); len(w) != 0 || e.indexed(t, onTopic(1).ID) {
		t.Fatalf("batches %v before the batch is full, want none", w)
	}
	e.put(t, onTopic(3), onTopic(4))
	if w := e.ix.writes(); !slices.Equal(w, []int{3}) {
		t.Fatalf("batches %v, want [3]", w)
	}
	for i := 1; i <= 3; i++ {
		if !e.indexed(t, onTopic(i).ID) {
			t.Errorf("document %d not indexed with its batch", i)
		}
	}
	if e.indexed(t, onTopic(4).ID) {
		t.Error("document 4 indexed before its batch is full")
	}
	e.flush(t)
	e.flush(t) // nothing left: no write
	if w := e.ix.writes(); !slices.Equal(w, []int{3, 1}) || !e.indexed(t, onTopic(4).ID) {
		t.Errorf("batches %v after Flush, want [3 1]", w)
	}
}

func TestDefaultBatchSize(t *testing.T) {
	e := openEnv(t, t.TempDir())
	docs := make([]timeline.Document, ingest.DefaultBatchSize)
	for i := range docs {
		docs[i] = onTopic(i)
	}
	e.put(t, docs[:len(docs)-1]...)
	if w := e.ix.writes(); len(w) != 0 {
		t.Fatalf("batches %v below the batch size", w)
	}
	e.put(t, docs[len(docs)-1])
	if w := e.ix.writes(); !slices.Equal(w, []int{ingest.DefaultBatchSize}) {
		t.Errorf("batches %v, want one of %d", w, ingest.DefaultBatchSize)
	}
}

func TestCloseFlushesAndRecordsTheCleanStop(t *testing.T) {
	dir := t.TempDir()
	e := openEnv(t, dir)
	if err := e.p.Recover(); err != nil {
		t.Fatal(err)
	}
	if v := e.meta(t, metaIndexOpen); v != "1" {
		t.Fatalf("marker %q while open, want 1", v)
	}
	e.put(t, onTopic(1))
	if err := e.p.Close(); err != nil {
		t.Fatal(err)
	}
	if v := e.meta(t, metaIndexOpen); v != "0" {
		t.Errorf("marker %q after Close, want 0", v)
	}
	e.kill()
	e = openEnv(t, dir)
	if !e.indexed(t, onTopic(1).ID) {
		t.Error("the document waiting for a batch was lost at Close")
	}
}

func TestCloseKeepsTheMarkerWhenTheIndexFails(t *testing.T) {
	e := openEnv(t, t.TempDir())
	if err := e.p.Recover(); err != nil {
		t.Fatal(err)
	}
	e.put(t, onTopic(1))
	boom := errors.New("disk full")
	e.ix.failWith = boom
	if err := e.p.Close(); !errors.Is(err, boom) {
		t.Fatalf("Close: %v, want %v", err, boom)
	}
	if v := e.meta(t, metaIndexOpen); v != "1" {
		t.Errorf("marker %q after a failed Close, want 1 (the next start reconciles)", v)
	}
}

// A process killed between the store write and the index write leaves
// the marker set and documents only in the store: the next start indexes
// them, and only them.
func TestRecoverAfterUncleanStop(t *testing.T) {
	dir := t.TempDir()
	e := openEnv(t, dir)
	if err := e.p.Recover(); err != nil {
		t.Fatal(err)
	}
	e.put(t, onTopic(1))
	e.flush(t)
	ex := &milestones.Extractor{}
	repost := onTopic(4)
	repost.DuplicateOf = onTopic(1).ID
	for _, d := range []timeline.Document{onTopic(2), onTopic(3), offTopic(), repost} {
		ms := ex.Extract(d)
		if d.DuplicateOf != "" {
			ms = nil
		}
		if err := e.store.PutDocument(d, ms); err != nil {
			t.Fatal(err)
		}
	}
	e.kill()

	e = openEnv(t, dir)
	if err := e.p.Recover(); err != nil {
		t.Fatal(err)
	}
	for _, d := range []timeline.Document{onTopic(1), onTopic(2), onTopic(3)} {
		if !e.indexed(t, d.ID) {
			t.Errorf("%s not indexed after recovery", d.URL)
		}
	}
	if e.indexed(t, offTopic().ID) || e.indexed(t, repost.ID) {
		t.Error("recovery indexed an off-topic document or a repost")
	}
	if w := e.ix.writes(); !slices.Equal(w, []int{2}) {
		t.Errorf("recovery wrote batches %v, want [2]", w)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "did not shut down cleanly") || !strings.Contains(logs, "reindexed=2") {
		t.Errorf("recovery logged:\n%s", logs)
	}
	if v := e.meta(t, metaIndexOpen); v != "1" {
		t.Errorf("marker %q after recovery, want 1", v)
	}
}

// After a clean stop the store is not scanned: a document missing from
// the index then stays missing (only `wallbreak reindex` would add it).
func TestRecoverAfterCleanStopChecksNothing(t *testing.T) {
	e := openEnv(t, t.TempDir())
	d := onTopic(1)
	if err := e.store.PutDocument(d, (&milestones.Extractor{}).Extract(d)); err != nil {
		t.Fatal(err)
	}
	if err := e.store.SetMeta(metaIndexOpen, "0"); err != nil {
		t.Fatal(err)
	}
	if err := e.p.Recover(); err != nil {
		t.Fatal(err)
	}
	if e.indexed(t, d.ID) || strings.Contains(e.logs.String(), "did not shut down cleanly") {
		t.Errorf("a clean stop was reconciled:\n%s", e.logs)
	}
	if v := e.meta(t, metaIndexOpen); v != "1" {
		t.Errorf("marker %q, want 1", v)
	}
}

func TestReconcileCountsWhatTheIndexLacks(t *testing.T) {
	e := openEnv(t, t.TempDir())
	e.put(t, onTopic(1))
	e.flush(t)
	ex := &milestones.Extractor{}
	for _, d := range []timeline.Document{onTopic(2), onTopic(3), onTopic(4), offTopic()} {
		if err := e.store.PutDocument(d, ex.Extract(d)); err != nil {
			t.Fatal(err)
		}
	}
	n, err := e.p.Reconcile()
	if err != nil || n != 3 {
		t.Fatalf("Reconcile: %d (%v), want 3", n, err)
	}
	for i := 2; i <= 4; i++ {
		if !e.indexed(t, onTopic(i).ID) {
			t.Errorf("document %d not indexed by Reconcile", i)
		}
	}
	if n, err := e.p.Reconcile(); err != nil || n != 0 {
		t.Errorf("second Reconcile: %d (%v), want 0", n, err)
	}
}

func TestCrawlDoneClustersOnlyAfterNewPages(t *testing.T) {
	e := openEnv(t, t.TempDir())
	e.put(t, onTopic(1))
	if err := e.p.CrawlDone(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	if !e.indexed(t, onTopic(1).ID) || e.ix.rebuilds != 0 {
		t.Fatalf("after a crawl with nothing new: indexed %v, %d rebuilds; want true, 0", e.indexed(t, onTopic(1).ID), e.ix.rebuilds)
	}
	e.put(t, onTopic(2))
	if err := e.p.CrawlDone(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if !e.indexed(t, onTopic(2).ID) || e.ix.rebuilds != 1 {
		t.Errorf("after a crawl with a new page: indexed %v, %d rebuilds; want true, 1", e.indexed(t, onTopic(2).ID), e.ix.rebuilds)
	}
	if !strings.Contains(e.logs.String(), "events rebuilt") {
		t.Errorf("no rebuild logged:\n%s", e.logs)
	}
}

func TestCrawlDoneReportsAFailedFlush(t *testing.T) {
	e := openEnv(t, t.TempDir())
	e.put(t, onTopic(1))
	boom := errors.New("disk full")
	e.ix.failWith = boom
	err := e.p.CrawlDone(context.Background(), 1)
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "index: ") {
		t.Errorf("CrawlDone: %v, want index: %v", err, boom)
	}
	if e.ix.rebuilds != 0 {
		t.Errorf("%d rebuilds after a failed flush, want 0", e.ix.rebuilds)
	}
}
