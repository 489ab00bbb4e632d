package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/wallbreak/wallbreak/crawler"
	"github.com/wallbreak/wallbreak/crawler/demosite"
	"github.com/wallbreak/wallbreak/index"
)

// runServe is the daemon: scheduled crawls of every source, and the API.
func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := newFlagSet(m, "serve", "serve [--config FILE] [--addr HOST:PORT] [--data DIR]")
	configPath := fs.String("config", "", "configuration file (default: the embedded one, real public sources)")
	addr := fs.String("addr", "", "listen address (default: the config's addr, 127.0.0.1:8080)")
	dataDir := fs.String("data", "", "data directory (default: the config's data_dir)")
	noCrawl := fs.Bool("no-crawl", false, "serve the index only; schedule no crawls")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return exitError{code: 2, err: err}
	}
	applyOverrides(cfg, *dataDir, *addr)
	a, err := openApp(cfg, m.Logger)
	if err != nil {
		return err
	}
	defer a.Close()
	a.ctx = ctx
	if !*noCrawl && len(cfg.Sources) > 0 {
		sched, err := a.schedule(ctx, true)
		if err != nil {
			return err
		}
		defer func() {
			if err := sched.Shutdown(); err != nil {
				m.Logger.Warn("scheduler shutdown", "err", err)
			}
		}()
		m.Logger.Info("crawls scheduled", "sources", len(cfg.Sources))
	}
	return m.serveHTTP(ctx, cfg.Addr, a.apiServer().Handler())
}

func applyOverrides(cfg *Config, dataDir, addr string) {
	if dataDir != "" {
		cfg.DataDir = dataDir
	}
	if addr != "" {
		cfg.Addr = addr
	}
}

// withDeadline gives every request a context that ends after d.
func withDeadline(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// serveHTTP serves h on addr until ctx is done, then shuts down gracefully.
func (m *Main) serveHTTP(ctx context.Context, addr string, h http.Handler) error {
	index.TuneGC()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		// Every request's context ends after 30 s: searches stop there and
		// answer 503 problem+json (api.Server maps the deadline).
		Handler:           withDeadline(h, 30*time.Second),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(m.Stdout, "wallbreak: serving http://%s (timeline page at /, API at /api/v1/timeline); Ctrl-C to stop\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// runDemo serves the bundled sample site on loopback, crawls it through the
// real crawler (feed and sitemap discovery), indexes it, then serves.
func (m *Main) runDemo(ctx context.Context, args []string) error {
	fs := newFlagSet(m, "demo", "demo [--addr HOST:PORT] [--data DIR]")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address of the API and web page")
	dataDir := fs.String("data", "", "data directory (default: a temporary one, removed on exit)")
	siteAddr := fs.String("site-addr", "127.0.0.1:0", "listen address of the sample site")
	crawlOnly := fs.Bool("crawl-only", false, "crawl and index the sample site, then exit")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	site, err := demosite.Start(*siteAddr)
	if err != nil {
		return fmt.Errorf("start sample site: %w", err)
	}
	defer site.Close()
	fmt.Fprintf(m.Stdout, "wallbreak demo: sample site at %s\n", site.URL)

	dir := *dataDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "wallbreak-demo-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	cfg := demoConfig(site.URL, dir)
	a, err := openApp(cfg, m.Logger)
	if err != nil {
		return err
	}
	defer a.Close()
	for _, src := range cfg.sources() {
		rec, err := a.crawlSource(ctx, src)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "wallbreak demo: crawled %-8s fetched %d, new %d, unchanged %d, failed %d\n",
			src.Name, rec.Fetched, rec.New, rec.Unchanged, rec.Failed)
	}
	n, _ := a.index.Count()
	fmt.Fprintf(m.Stdout, "wallbreak demo: %d articles and milestones indexed in %s\n", n, dir)
	if *crawlOnly {
		return nil
	}
	return m.serveHTTP(ctx, *addr, a.apiServer().Handler())
}

// demoConfig crawls the sample site through its feed and its sitemap,
// without politeness delays (it is ours, on loopback).
func demoConfig(siteURL, dataDir string) *Config {
	cfg, err := parseConfig(defaultConfigYAML, "default configuration", "")
	if err != nil {
		panic(err) // the embedded configuration is tested
	}
	cfg.DataDir = dataDir
	cfg.AllowPrivateNetworks = true
	cfg.Defaults.Delay = 0
	cfg.Sources = []crawler.Source{
		{Name: "demo-feed", Type: crawler.TypeFeed, URL: siteURL + "/feed.xml"},
		{Name: "demo-sitemap", Type: crawler.TypeSitemap, URL: siteURL + "/sitemap.xml"},
	}
	return cfg
}
