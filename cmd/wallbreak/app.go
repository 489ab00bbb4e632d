package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/robfig/cron/v3"

	"github.com/wallbreak/wallbreak/api"
	"github.com/wallbreak/wallbreak/crawler"
	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/internal/ingest"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

// app is the wired program: the state store, the index, and the ingest
// pipeline that carries crawled documents into both.
type app struct {
	cfg     *Config
	store   *crawler.Store
	archive *crawler.Archive
	index   *index.Index
	extract *milestones.Extractor
	ingest  *ingest.Pipeline
	log     *slog.Logger
	// progress, if set, hears from every crawl after each page.
	progress func(source string, s crawler.Stats)

	metricsOnce sync.Once
	metricsReg  *api.Metrics
	crawlPages  *prometheus.CounterVec
	crawlRuns   *prometheus.CounterVec

	ctx       context.Context // the process's; requested crawls stop with it
	runningMu sync.Mutex
	running   map[string]bool
}

// The pipeline writes to the state store and the index, and is the crawl
// Sink.
var (
	_ ingest.Store = (*crawler.Store)(nil)
	_ ingest.Index = (*index.Index)(nil)
	_ crawler.Sink = (*ingest.Pipeline)(nil)
)

// openApp opens the data directory's state store and index, and recovers
// the index if the last run did not close it.
func openApp(cfg *Config, log *slog.Logger) (*app, error) {
	store, err := crawler.OpenStore(filepath.Join(cfg.DataDir, "state.db"))
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(filepath.Join(cfg.DataDir, "index"))
	if err != nil {
		store.Close()
		return nil, err
	}
	arc, err := crawler.OpenArchive(filepath.Join(cfg.DataDir, "archive"), log)
	if err != nil {
		ix.Close()
		store.Close()
		return nil, err
	}
	ix.Profile = cfg.profile
	arc.Located = func(loc crawler.Location) {
		if err := store.PutLocation(loc); err != nil {
			log.Warn("archive location not recorded", "url", loc.URL, "err", err)
		}
	}
	ex := &milestones.Extractor{Profile: cfg.profile}
	a := &app{cfg: cfg, store: store, archive: arc, index: ix, extract: ex, log: log,
		ingest: ingest.New(store, ix, ex, cfg.profile, log)}
	if err := a.ingest.Recover(); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// Close flushes and closes the archive, the index, then the store; the
// store records the clean shutdown.
func (a *app) Close() error {
	var errs []error
	if a.archive != nil {
		errs = append(errs, a.archive.Close())
	}
	return errors.Join(append(errs, a.ingest.Close(), a.store.Close())...)
}

func (a *app) crawler() *crawler.Crawler {
	return &crawler.Crawler{
		UserAgent:            a.cfg.UserAgent,
		AllowPrivateNetworks: a.cfg.AllowPrivateNetworks,
		Store:                a.store,
		Sink:                 a.ingest,
		Archive:              a.archive,
		Logger:               a.log,
		Progress:             a.progress,
	}
}

// crawlSource runs one crawl of one source and records it.
func (a *app) crawlSource(ctx context.Context, src crawler.Source) (crawler.RunRecord, error) {
	start := time.Now()
	stats, err := a.crawler().Run(ctx, src)
	if ierr := a.ingest.CrawlDone(ctx, stats.New); ierr != nil {
		err = errors.Join(err, ierr)
	}
	rec := crawler.RunRecord{Source: src.Name, Start: start, End: time.Now(), Fetched: stats.Fetched,
		New: stats.New, Unchanged: stats.Unchanged, Failed: stats.Failed, Errors: stats.Errors, NotModified: stats.NotModified}
	if err != nil {
		rec.Errors = append(rec.Errors, err.Error())
	}
	rec, recErr := a.store.AddRun(rec)
	a.countRun(rec, err)
	a.log.Info("crawl finished", "source", src.Name, "fetched", rec.Fetched, "new", rec.New,
		"unchanged", rec.Unchanged, "failed", rec.Failed, "took", rec.End.Sub(rec.Start).Round(time.Millisecond))
	return rec, errors.Join(err, recErr)
}

// apiServer is the HTTP API over this app's index and crawl records.
func (a *app) apiServer() *api.Server {
	return &api.Server{Index: a.index, Crawls: runsAdapter{a.store}, Profile: a.cfg.profile, Logger: a.log,
		Sources: a.sourceInfos, TriggerCrawl: a.triggerCrawl, Token: a.cfg.API.Token,
		CORSOrigins: a.cfg.API.CORSOrigins, RateLimit: a.cfg.API.RateLimit, Metrics: a.metrics(), Archived: a.archivedPage}
}

// archivedPage reads the newest archived response of the page a document
// came from.
func (a *app) archivedPage(ctx context.Context, docID string) (api.ArchivedPage, error) {
	p, ok, err := a.store.PageOfDocument(docID)
	if err != nil {
		return api.ArchivedPage{}, err
	}
	if !ok {
		return api.ArchivedPage{}, fmt.Errorf("%w: no page recorded for article %q", timeline.ErrNotFound, docID)
	}
	if loc, ok, err := a.store.Location(p.URL); err == nil && ok {
		r, err := crawler.ReadAt(filepath.Join(a.cfg.DataDir, "archive"), loc)
		if err == nil {
			return api.ArchivedPage{URL: r.URL, ContentType: r.Header.Get("Content-Type"), FetchedAt: r.FetchedAt, Body: r.Body}, nil
		}
		a.log.Warn("archived copy not where recorded; scanning the archive", "url", p.URL, "err", err)
	}
	// Archived before locations were recorded: scan.
	var out api.ArchivedPage
	found := false
	err = crawler.ReadArchive(filepath.Join(a.cfg.DataDir, "archive"), func(r crawler.ArchivedResponse) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if r.URL == p.URL && r.Status == 200 && !r.FetchedAt.Before(out.FetchedAt) {
			out = api.ArchivedPage{URL: r.URL, ContentType: r.Header.Get("Content-Type"), FetchedAt: r.FetchedAt, Body: r.Body}
			found = true
		}
		return nil
	})
	if !found {
		if err != nil {
			return out, fmt.Errorf("read archive: %w", err)
		}
		return out, fmt.Errorf("%w: %s is not in the archive", timeline.ErrNotFound, p.URL)
	}
	return out, nil // a damaged file elsewhere does not hide a good copy
}

// metrics are the process's Prometheus metrics: the API's, the crawl
// counters, and the index's size.
func (a *app) metrics() *api.Metrics {
	a.metricsOnce.Do(func() {
		m := api.NewMetrics()
		a.crawlPages = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wallbreak_crawl_pages_total",
			Help: "Pages handled by crawls, by source and outcome (new, unchanged, failed)."}, []string{"source", "outcome"})
		a.crawlRuns = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wallbreak_crawl_runs_total",
			Help: "Crawl runs, by source and result (ok, error)."}, []string{"source", "result"})
		indexed := prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "wallbreak_index_documents",
			Help: "Documents in the search index (articles, milestones and events)."}, func() float64 {
			n, _ := a.index.Count()
			return float64(n)
		})
		m.Registry.MustRegister(a.crawlPages, a.crawlRuns, indexed)
		a.metricsReg = m
	})
	return a.metricsReg
}

func (a *app) countRun(rec crawler.RunRecord, err error) {
	a.metrics() // registered once; the Once orders these fields' writes before our reads
	a.crawlPages.WithLabelValues(rec.Source, "new").Add(float64(rec.New))
	a.crawlPages.WithLabelValues(rec.Source, "unchanged").Add(float64(rec.Unchanged))
	a.crawlPages.WithLabelValues(rec.Source, "failed").Add(float64(rec.Failed))
	result := "ok"
	if err != nil {
		result = "error"
	}
	a.crawlRuns.WithLabelValues(rec.Source, result).Inc()
}

// sourceInfos lists the configured sources with their last runs.
func (a *app) sourceInfos() []api.SourceInfo {
	sources := a.cfg.sources()
	configured := map[string]bool{}
	for _, s := range sources {
		configured[s.Name] = true
	}
	last := map[string]*api.CrawlRun{}
	// Newest first, stopping once every source has its last run.
	err := a.store.EachRun(func(r crawler.RunRecord) bool {
		if configured[r.Source] && last[r.Source] == nil {
			cr := api.CrawlRun(r)
			last[r.Source] = &cr
		}
		return len(last) < len(sources)
	})
	if err != nil {
		a.log.Warn("reading crawl runs", "err", err)
	}
	var out []api.SourceInfo
	for _, s := range sources {
		out = append(out, api.SourceInfo{Name: s.Name, Type: s.Type, URL: s.URL, Schedule: s.Schedule, Lang: s.Lang, LastRun: last[s.Name]})
	}
	return out
}

// triggerCrawl starts one crawl of a configured source in the background
// (POST /api/v1/crawls); a crawl of that source already running is not
// doubled.
func (a *app) triggerCrawl(name string) error {
	for _, s := range a.cfg.sources() {
		if s.Name != name {
			continue
		}
		a.runningMu.Lock()
		if a.running == nil {
			a.running = map[string]bool{}
		}
		if a.running[name] {
			a.runningMu.Unlock()
			return fmt.Errorf("%w: a crawl of %s is already running", timeline.ErrInvalid, name)
		}
		a.running[name] = true
		a.runningMu.Unlock()
		go func() {
			defer func() {
				a.runningMu.Lock()
				delete(a.running, name)
				a.runningMu.Unlock()
			}()
			if _, err := a.crawlSource(a.baseCtx(), s); err != nil {
				a.log.Warn("requested crawl failed", "source", name, "err", err)
			}
		}()
		return nil
	}
	return fmt.Errorf("%w: no source named %q", timeline.ErrNotFound, name)
}

func (a *app) baseCtx() context.Context {
	if a.ctx != nil {
		return a.ctx
	}
	return context.Background()
}

type runsAdapter struct{ s *crawler.Store }

func (r runsAdapter) Runs(limit int) ([]api.CrawlRun, error) {
	runs, err := r.s.Runs(limit)
	out := make([]api.CrawlRun, len(runs))
	for i, x := range runs {
		out[i] = api.CrawlRun(x)
	}
	return out, err
}

// jobDefinition turns a schedule ("@every 30m" or a cron expression, with
// an optional CRON_TZ= prefix) into a gocron job definition. Intervals get
// up to 10% random jitter so that sources do not fire in lockstep.
func jobDefinition(schedule string) (gocron.JobDefinition, error) {
	var every string
	if n, _ := fmt.Sscanf(schedule, "@every %s", &every); n == 1 {
		d, err := time.ParseDuration(every)
		if err != nil || d < time.Second {
			return nil, fmt.Errorf("%q: want @every DURATION of at least 1s", schedule)
		}
		return gocron.DurationRandomJob(d, d+d/10), nil
	}
	if _, err := cronParser.Parse(schedule); err != nil {
		return nil, fmt.Errorf("%q: %v", schedule, err)
	}
	return gocron.CronJob(schedule, false), nil
}

// schedule starts one singleton gocron job per source; a failing source
// is logged and tried again at its next time, never stopping the others.
func (a *app) schedule(ctx context.Context, immediately bool) (gocron.Scheduler, error) {
	s, err := gocron.NewScheduler()
	if err != nil {
		return nil, err
	}
	for _, src := range a.cfg.sources() {
		def, err := jobDefinition(src.Schedule)
		if err != nil {
			s.Shutdown() //nolint:errcheck // nothing started yet
			return nil, fmt.Errorf("source %s: %w", src.Name, err)
		}
		opts := []gocron.JobOption{
			gocron.WithName(src.Name),
			gocron.WithSingletonMode(gocron.LimitModeReschedule),
			gocron.WithContext(ctx),
		}
		if immediately {
			opts = append(opts, gocron.WithStartAt(gocron.WithStartImmediately()))
		}
		task := gocron.NewTask(func(ctx context.Context, src crawler.Source) {
			if _, err := a.crawlSource(ctx, src); err != nil {
				a.log.Warn("crawl failed; will retry at the next scheduled time", "source", src.Name, "err", err)
			}
		}, src)
		if _, err := s.NewJob(def, task, opts...); err != nil {
			s.Shutdown() //nolint:errcheck // nothing started yet
			return nil, fmt.Errorf("schedule %s: %w", src.Name, err)
		}
	}
	s.Start()
	return s, nil
}

// cronParser validates cron expressions the way gocron reads them
// (five fields, descriptors like @daily, optional CRON_TZ=).
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
