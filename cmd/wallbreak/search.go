package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/wallbreak/wallbreak/crawler"
	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/internal/ingest"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

// openIndexOnly opens the configured data directory's index for reading.
func (m *Main) openIndexOnly(configPath, dataDir string) (*Config, *index.Index, error) {
	cfg, err := loadConfig(configPath)
	if err != nil {
		return nil, nil, exitError{code: 2, err: err}
	}
	applyOverrides(cfg, dataDir, "")
	dir := filepath.Join(cfg.DataDir, "index")
	if _, err := os.Stat(dir); err != nil {
		return nil, nil, fmt.Errorf("no index in %s: run `wallbreak crawl --once` (or `wallbreak demo --data %s --crawl-only`) first", cfg.DataDir, cfg.DataDir)
	}
	ix, err := index.Open(dir)
	if ix != nil {
		ix.Profile = cfg.profile
	}
	return cfg, ix, err
}

func (m *Main) runSearch(ctx context.Context, args []string) error {
	fs := newFlagSet(m, "search", "search [--json] [--actor ID]… [--category C] [--lang en|zh] [--source NAME] [--from DATE] [--to DATE] [--sort relevance|date|-date] [--limit N] [--cursor C] [--data DIR] QUERY")
	asJSON := fs.Bool("json", false, "print JSON (the API's /api/v1/search answer)")
	var actors multiFlag
	fs.Var(&actors, "actor", "only documents about this actor (id or alias; repeatable)")
	category := fs.String("category", "", "only this category")
	lang := fs.String("lang", "", "only en or zh documents")
	source := fs.String("source", "", "only documents of this configured source")
	from := fs.String("from", "", "articles published, milestones happening, from this TIMEX date on")
	to := fs.String("to", "", "… up to this TIMEX date")
	sortBy := fs.String("sort", "relevance", "relevance, date (oldest first) or -date")
	limit := fs.Int("limit", 20, "how many results (1-500)")
	cursor := fs.String("cursor", "", "next_cursor of the previous page (same query)")
	facets := fs.Bool("facets", false, "print facet counts (always in --json)")
	configPath := fs.String("config", "", "configuration file")
	dataDir := fs.String("data", "", "data directory")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	q := index.SearchQuery{Q: strings.TrimSpace(strings.Join(pos, " ")), Actors: actors, Category: *category, Lang: *lang,
		Source: *source, Sort: *sortBy, Limit: *limit, Cursor: *cursor}
	for _, p := range []struct {
		flag, val string
		dst       **timeline.Date
	}{{"--from", *from, &q.From}, {"--to", *to, &q.To}} {
		if p.val == "" {
			continue
		}
		d, err := timeline.ParseDate(p.val)
		if err != nil {
			return usageErr("%s %q: not a TIMEX date (2021, 2021-09, 2021-09-17, 2021-Q3, 2021-H2, 2021-W37)", p.flag, p.val)
		}
		*p.dst = &d
	}
	if q.Q == "" && len(actors) == 0 && q.Category == "" && q.Lang == "" && q.Source == "" && q.From == nil && q.To == nil {
		fs.Usage()
		return usageErr("search takes a QUERY (or a filter)")
	}
	_, ix, err := m.openIndexOnly(*configPath, *dataDir)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, q)
	if errors.Is(err, timeline.ErrInvalid) {
		return exitError{code: 2, err: errors.New(strings.TrimPrefix(err.Error(), "invalid: "))}
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m, res)
	}
	fmt.Fprintf(m.Stdout, "%d articles, %d milestones for %q\n", res.Total, res.MilestonesTotal, q.Q)
	if len(res.Milestones) > 0 {
		fmt.Fprintln(m.Stdout, "\nMilestones")
		for _, ms := range res.Milestones {
			fmt.Fprintf(m.Stdout, "  %-10s %-9s %s\n  %10s %s [%s]\n", ms.Date, ms.Category, timeline.Headline(ms.Quote, 110), "", strings.Join(ms.Actors, " "), ms.DocumentID)
		}
	}
	if len(res.Articles) > 0 {
		fmt.Fprintln(m.Stdout, "\nArticles")
	}
	for i, a := range res.Articles {
		date := "undated"
		if a.PublishedAt != nil {
			date = a.PublishedAt.Format(time.DateOnly)
		}
		fmt.Fprintf(m.Stdout, "%3d. %s\n     %s · %s · %s · %d milestones\n     %s\n", i+1, a.Title, a.Publisher, date, a.Lang, a.Milestones, a.URL)
		for _, s := range a.Snippets[:min(2, len(a.Snippets))] {
			fmt.Fprintf(m.Stdout, "     …%s…\n", oneLine(markRe.ReplaceAllString(s, "*")))
		}
	}
	if *facets {
		fmt.Fprintln(m.Stdout, "\nFacets")
		for _, name := range []string{"actors", "categories", "sources", "languages", "years", "months"} {
			var parts []string
			for _, f := range res.Facets[name] {
				parts = append(parts, fmt.Sprintf("%s (%d)", f.Value, f.Count))
			}
			fmt.Fprintf(m.Stdout, "  %-10s %s\n", name, strings.Join(parts, ", "))
		}
	}
	if res.NextCursor != nil {
		fmt.Fprintf(m.Stdout, "\nmore: --cursor %s\n", *res.NextCursor)
	}
	return nil
}

var markRe = regexp.MustCompile(`</?mark>`)

// multiFlag collects a repeatable flag.
type multiFlag []string

func (f *multiFlag) String() string     { return strings.Join(*f, ",") }
func (f *multiFlag) Set(v string) error { *f = append(*f, v); return nil }

func (m *Main) runTimeline(ctx context.Context, args []string) error {
	fs := newFlagSet(m, "timeline", "timeline [--json] [--from DATE] [--to DATE] [--actor ID]… [--q WORDS] [--data DIR]")
	asJSON := fs.Bool("json", false, "print JSON (the API's /api/v1/timeline answer)")
	from := fs.String("from", "", "only milestones overlapping from this TIMEX date on (2021, 2021-09, 2021-Q3 …)")
	to := fs.String("to", "", "only milestones overlapping up to this TIMEX date")
	var actors multiFlag
	fs.Var(&actors, "actor", "only milestones of this actor (id or alias; repeatable)")
	q := fs.String("q", "", "only milestones whose quote has these words")
	category := fs.String("category", "", "only this category")
	status := fs.String("status", "", "happened (default), planned, opinion or any")
	limit := fs.Int("limit", 500, "at most this many (1-500)")
	configPath := fs.String("config", "", "configuration file")
	dataDir := fs.String("data", "", "data directory")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, ix, err := m.openIndexOnly(*configPath, *dataDir)
	if err != nil {
		return err
	}
	defer ix.Close()
	tq := index.TimelineQuery{Q: *q, Category: *category, Limit: *limit, Status: *status}
	if *status == "happened" {
		tq.Status = ""
	}
	for _, p := range []struct {
		flag, val string
		dst       **timeline.Date
	}{{"--from", *from, &tq.From}, {"--to", *to, &tq.To}} {
		if p.val == "" {
			continue
		}
		d, err := timeline.ParseDate(p.val)
		if err != nil {
			return usageErr("%s: %v", p.flag, err)
		}
		*p.dst = &d
	}
	for _, a := range actors {
		id, ok := cfg.profile.ResolveActor(a)
		if !ok {
			return usageErr("--actor: %q is not an actor of the profile", a)
		}
		tq.Actors = append(tq.Actors, id)
	}
	page, err := ix.Timeline(ctx, tq)
	if errors.Is(err, timeline.ErrInvalid) {
		return exitError{code: 2, err: err}
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m, page)
	}
	for _, ev := range page.Events {
		date := ev.Date
		if ev.Mod != "" {
			date += " " + strings.ToLower(string(ev.Mod))
		}
		var pubs []string
		for _, src := range ev.Sources {
			if p := firstNonEmptyStr(src.Publisher, src.URL); !slices.Contains(pubs, p) {
				pubs = append(pubs, p)
			}
		}
		sources := fmt.Sprintf("%d sources: %s", ev.SourceCount, strings.Join(pubs, "; "))
		if ev.SourceCount == 1 {
			sources = pubs[0]
		}
		fmt.Fprintf(m.Stdout, "%-17s %-13s %s\n%17s %s · %s\n", date, ev.Category, timeline.Headline(ev.Title, 100),
			"", strings.Join(ev.Actors, ", "), sources)
		for _, c := range ev.DateConflicts {
			fmt.Fprintf(m.Stdout, "%17s also dated %s by %d source(s)\n", "", c.Date, c.Sources)
		}
	}
	fmt.Fprintf(m.Stdout, "%d of %d events\n", len(page.Events), page.Total)
	return nil
}

func firstNonEmptyStr(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func writeJSON(m *Main, v any) error {
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// swapIndex points the data directory's index (a symlink) at a newly built
// index directory in one rename, so a reader opening "index" finds either
// the old index or the new one, never a half-built one; the old directory
// is removed after. An index from before symlinks (a plain directory) is
// moved aside first.
func swapIndex(final, built string) error {
	old, _ := filepath.EvalSymlinks(final)
	if fi, err := os.Lstat(final); err == nil && fi.IsDir() {
		aside := final + ".old"
		os.RemoveAll(aside)
		if err := os.Rename(final, aside); err != nil {
			return err
		}
		old = aside
	}
	tmp := final + ".swap"
	os.Remove(tmp)
	if err := os.Symlink(filepath.Base(built), tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return err
	}
	if old != "" && filepath.Clean(old) != filepath.Clean(built) {
		os.RemoveAll(old)
	}
	return nil
}

// runReindex rebuilds the index from the state store without network:
// milestones are extracted again from the stored documents (so extraction
// improvements apply), written to a new index beside the old one, which is
// swapped in only once complete.
func (m *Main) runReindex(_ context.Context, args []string) error {
	fs := newFlagSet(m, "reindex", "reindex [--config FILE] [--data DIR]")
	configPath := fs.String("config", "", "configuration file")
	dataDir := fs.String("data", "", "data directory")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return exitError{code: 2, err: err}
	}
	applyOverrides(cfg, *dataDir, "")
	store, err := crawler.OpenStore(filepath.Join(cfg.DataDir, "state.db"))
	if err != nil {
		return err
	}
	defer store.Close()
	final := filepath.Join(cfg.DataDir, "index")
	building := filepath.Join(cfg.DataDir, "index-"+time.Now().UTC().Format("20060102T150405.000000000"))
	ix, err := index.Open(building)
	if err != nil {
		return err
	}
	ix.Profile = cfg.profile
	p := ingest.New(store, ix, &milestones.Extractor{Profile: cfg.profile}, cfg.profile, m.Logger)
	var docs []timeline.Document
	err = store.EachDocument(func(d timeline.Document, _ []timeline.Milestone) error {
		docs = append(docs, d)
		return nil
	})
	if err == nil {
		err = p.Put(context.Background(), docs)
	}
	if err == nil {
		err = p.Flush()
	}
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(building)
		return fmt.Errorf("reindex: %w (the old index is untouched)", err)
	}
	if err := swapIndex(final, building); err != nil {
		os.RemoveAll(building)
		return fmt.Errorf("reindex: %w (the old index is untouched)", err)
	}
	fmt.Fprintf(m.Stdout, "reindexed %d documents into %s\n", len(docs), final)
	return nil
}

func (m *Main) runConfig(_ context.Context, args []string) error {
	if len(args) < 1 || args[0] != "check" {
		return usageErr("usage: wallbreak config check FILE   (or: wallbreak config show for the default)")
	}
	if len(args) == 1 {
		return usageErr("usage: wallbreak config check FILE")
	}
	cfg, err := loadConfig(args[1])
	if err != nil {
		return exitError{code: 2, err: err}
	}
	fmt.Fprintf(m.Stdout, "%s: ok (%d sources)\n", args[1], len(cfg.Sources))
	return nil
}

// runReextract rebuilds documents, milestones and the index from the WARC
// archive alone, without network: every archived HTML page is extracted
// again (later fetches of a URL replace earlier ones).
func (m *Main) runReextract(_ context.Context, args []string) error {
	fs := newFlagSet(m, "reextract", "reextract [--config FILE] [--data DIR]")
	configPath := fs.String("config", "", "configuration file")
	dataDir := fs.String("data", "", "data directory")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return exitError{code: 2, err: err}
	}
	applyOverrides(cfg, *dataDir, "")
	a, err := openApp(cfg, m.Logger)
	if err != nil {
		return err
	}
	defer a.Close()
	sources := map[string]crawler.Source{}
	for _, s := range cfg.sources() {
		sources[s.Name] = s
	}
	var pages, docs, failed int
	var putErr error
	err = crawler.ReadArchive(filepath.Join(cfg.DataDir, "archive"), func(r crawler.ArchivedResponse) error {
		if r.Status != 200 || !strings.Contains(strings.ToLower(r.Header.Get("Content-Type")), "html") {
			return nil
		}
		h := crawler.Hints{Source: r.Source, FetchedAt: r.FetchedAt}
		if src, ok := sources[r.Source]; ok {
			h.Lang, h.Publisher = src.Lang, src.Publisher
			if src.Timezone != "" {
				h.Location, _ = time.LoadLocation(src.Timezone)
			}
		}
		pages++
		out, err := crawler.ExtractHTML(r.URL, crawler.DecodeBody(r.Body, r.Header.Get("Content-Type")), h)
		if err != nil {
			failed++
			m.Logger.Warn("reextract: page skipped", "url", r.URL, "err", err)
			return nil
		}
		docs += len(out)
		putErr = a.ingest.Put(context.Background(), out)
		return putErr
	})
	if putErr == nil {
		putErr = a.ingest.Flush()
	}
	if putErr != nil {
		return fmt.Errorf("reextract: %w", putErr)
	}
	fmt.Fprintf(m.Stdout, "reextracted %d archived pages into %d documents (%d pages had no content)\n", pages, docs, failed)
	if err != nil {
		// A damaged file (a run killed mid-write leaves a cut-short last
		// record) loses only what could not be read; the rest is in.
		m.Logger.Warn("reextract: damaged archive records skipped", "err", err)
		fmt.Fprintf(m.Stdout, "some archive records could not be read and were skipped: %v\n", err)
	}
	return nil
}
