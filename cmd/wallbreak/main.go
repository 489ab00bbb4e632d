// Command wallbreak crawls coverage of Alibaba and Tencent tearing down the
// walls between them, extracts every dated milestone, indexes it and serves
// a sourced timeline as JSON and as a web page.
//
//	wallbreak demo      crawl the bundled sample site and serve it
//	wallbreak serve     the daemon: scheduled crawls + API + web page
//	wallbreak crawl     crawl the configured sources (--once: one pass)
//	wallbreak extract   milestones of one page (HTML or --text)
//	wallbreak dates     date expressions of a text and how they resolved
//	wallbreak search    full-text search over the local index
//	wallbreak timeline  the local timeline
//	wallbreak crawls    recorded crawl runs
//	wallbreak reindex   rebuild the index from the state store
//	wallbreak config check FILE   validate a configuration file
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "dev"

// exitError carries a process exit code: 2 for bad usage or input.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// Main holds what every subcommand shares: its output streams.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Logger         *slog.Logger
}

func main() {
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := m.Run(ctx, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "wallbreak:", err)
		}
		var ee exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(1)
	}
}

const usage = `wallbreak follows how Alibaba and Tencent tear down the walls between them.

Usage: wallbreak [--log-format text|json] [--log-level LEVEL] COMMAND [flags]

Commands:
  demo       crawl the bundled sample site on loopback, then serve the API and web page
  serve      run scheduled crawls of the configured sources and serve the API and web page
  crawl      crawl every configured source (--once: one pass, then exit)
  extract    print the document and milestones of one page (HTML, or --text)
  dates      print every date expression in a text and how it resolved
  search     search the local index
  timeline   print the local timeline
  crawls     list recorded crawl runs
  reindex    rebuild the search index from the state store
  reextract  rebuild documents, milestones and the index from the WARC archive (no network)
  config     config check FILE: validate a configuration file
  eval       score extraction against a hand-annotated gold set
  version    print the version

Run 'wallbreak COMMAND --help' for a command's flags.
`

// Run parses global flags and runs one subcommand.
func (m *Main) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("wallbreak", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() { fmt.Fprint(m.Stderr, usage) }
	logFormat := fs.String("log-format", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn, error")
	if err := fs.Parse(args); err != nil {
		return exitError{code: 2, err: err}
	}
	if err := m.setupLogger(*logFormat, *logLevel); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprint(m.Stderr, usage)
		return usageErr("no command given")
	}
	cmd, rest := fs.Arg(0), fs.Args()[1:]
	commands := map[string]func(context.Context, []string) error{
		"demo":      m.runDemo,
		"serve":     m.runServe,
		"crawl":     m.runCrawl,
		"extract":   m.runExtract,
		"dates":     m.runDates,
		"search":    m.runSearch,
		"timeline":  m.runTimeline,
		"crawls":    m.runCrawls,
		"reindex":   m.runReindex,
		"reextract": m.runReextract,
		"config":    m.runConfig,
		"eval":      m.runEval,
		"version": func(context.Context, []string) error {
			fmt.Fprintln(m.Stdout, "wallbreak", Version)
			return nil
		},
		"help": func(context.Context, []string) error {
			fmt.Fprint(m.Stdout, usage)
			return nil
		},
	}
	run, ok := commands[cmd]
	if !ok {
		fmt.Fprint(m.Stderr, usage)
		return usageErr("unknown command %q", cmd)
	}
	return run(ctx, rest)
}

func (m *Main) setupLogger(format, level string) error {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return usageErr("--log-level: %q is not debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		m.Logger = slog.New(slog.NewTextHandler(m.Stderr, opts))
	case "json":
		m.Logger = slog.New(slog.NewJSONHandler(m.Stderr, opts))
	default:
		return usageErr("--log-format: %q is not text or json", format)
	}
	return nil
}

// parseFlags parses flags that may stand before, between or after the
// positional arguments ("search 'WeChat Pay' --json" works too).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, exitError{code: 2, err: err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlagSet(m *Main, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: wallbreak %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// readInput reads a file, or standard input for "-".
func (m *Main) readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(io.LimitReader(m.Stdin, 64<<20))
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, exitError{code: 2, err: err}
	}
	return b, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
