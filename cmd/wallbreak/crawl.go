package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/wallbreak/wallbreak/crawler"
)

// runCrawl crawls every configured source: once with --once, else on their
// schedules until interrupted.
func (m *Main) runCrawl(ctx context.Context, args []string) error {
	fs := newFlagSet(m, "crawl", "crawl [--once] [--config FILE] [--data DIR] [--source NAME]")
	once := fs.Bool("once", false, "crawl every source once, then exit")
	configPath := fs.String("config", "", "configuration file (default: the embedded one)")
	dataDir := fs.String("data", "", "data directory (default: the config's data_dir)")
	only := fs.String("source", "", "crawl only the source with this name")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return exitError{code: 2, err: err}
	}
	applyOverrides(cfg, *dataDir, "")
	if *only != "" {
		var keep []crawler.Source
		for _, s := range cfg.Sources {
			if s.Name == *only {
				keep = append(keep, s)
			}
		}
		if len(keep) == 0 {
			return usageErr("no source named %q in the configuration", *only)
		}
		cfg.Sources = keep
	}
	a, err := openApp(cfg, m.Logger)
	if err != nil {
		return err
	}
	defer a.Close()
	if !*once {
		sched, err := a.schedule(ctx, true)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "wallbreak: %d sources scheduled; Ctrl-C to stop\n", len(cfg.Sources))
		<-ctx.Done()
		return sched.Shutdown()
	}
	var total crawler.RunRecord
	start := time.Now()
	prog := newProgress(m.Stderr, m.Logger)
	a.progress = prog.update
	for _, src := range cfg.sources() {
		rec, err := a.crawlSource(ctx, src)
		prog.finish()
		if ctx.Err() != nil {
			return fmt.Errorf("crawl interrupted: %w", ctx.Err())
		}
		if err != nil {
			m.Logger.Warn("source failed", "source", src.Name, "err", err)
		}
		fmt.Fprintf(m.Stdout, "%-20s fetched %4d  new %4d  unchanged %4d  failed %4d\n", src.Name, rec.Fetched, rec.New, rec.Unchanged, rec.Failed)
		total.Fetched += rec.Fetched
		total.New += rec.New
		total.Unchanged += rec.Unchanged
		total.Failed += rec.Failed
	}
	fmt.Fprintf(m.Stdout, "%-20s fetched %4d  new %4d  unchanged %4d  failed %4d  in %s\n", "total", total.Fetched, total.New,
		total.Unchanged, total.Failed, time.Since(start).Round(time.Millisecond))
	return nil
}

// runCrawls lists the recorded crawl runs, newest first.
func (m *Main) runCrawls(ctx context.Context, args []string) error {
	fs := newFlagSet(m, "crawls", "crawls [--json] [--limit N] [--config FILE] [--data DIR]")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 20, "how many runs")
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
	runs, err := a.store.Runs(*limit)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(m.Stdout).Encode(map[string]any{"crawls": runs})
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSOURCE\tSTART\tTOOK\tFETCHED\tNEW\tUNCHANGED\tFAILED")
	for _, r := range runs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\n", r.ID, r.Source, r.Start.Format(time.RFC3339),
			r.End.Sub(r.Start).Round(time.Millisecond), r.Fetched, r.New, r.Unchanged, r.Failed)
	}
	return tw.Flush()
}
