package crawler

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// Archive writes every fetched response (status line, headers and body) to
// gzip-compressed WARC files (ISO 28500) in a directory, so extraction can
// be redone without the network (wallbreak reextract) and the pages can be
// read by standard WARC tools.
type Archive struct {
	// Located, if set, hears where each response was written, so that it
	// can be read back without scanning the archive.
	Located func(Location)

	dir    string
	w      *gowarc.WarcFileWriter
	log    *slog.Logger
	failed atomic.Int64
}

// The WARC field naming the configured source a response was fetched for.
const warcSourceField = "WARC-Wallbreak-Source"

// openSuffix marks a WARC file still being written.
const openSuffix = ".open"

// OpenArchive opens (creating) the archive directory. Each call starts new
// files; existing ones are never rewritten.
func OpenArchive(dir string, log *slog.Logger) (*Archive, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open archive: %w", err)
	}
	if log == nil {
		log = slog.Default()
	}
	// Files still named *.open were being written when a process died:
	// their complete records are good, so they take their final names
	// (the caller holds the data directory's lock, so no writer owns them).
	left, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"+openSuffix))
	for _, f := range left {
		final := strings.TrimSuffix(f, openSuffix)
		if err := os.Rename(f, final); err != nil {
			return nil, fmt.Errorf("open archive: recover %s: %w", filepath.Base(f), err)
		}
		log.Warn("archive file left open by an interrupted run recovered; its last record may be cut short", "file", filepath.Base(final))
	}
	w := gowarc.NewWarcFileWriter(
		gowarc.WithOpenFileSuffix(openSuffix),
		gowarc.WithCompression(true),
		gowarc.WithMaxFileSize(1<<30),
		gowarc.WithMaxConcurrentWriters(1),
		gowarc.WithFileNameGenerator(&warcNames{dir: dir}),
	)
	return &Archive{dir: dir, w: w, log: log}, nil
}

// warcNames names files wallbreak-<UTC time>-<serial>.warc.gz. (The
// library's default generator looks up the machine's outbound IP by
// dialling a public address; this one touches no network.)
type warcNames struct {
	dir    string
	serial atomic.Int32
}

func (g *warcNames) NewWarcfileName() (string, string) {
	n := g.serial.Add(1)
	return g.dir, fmt.Sprintf("wallbreak-%s-%05d-%d.warc", time.Now().UTC().Format("20060102150405"), os.Getpid(), n) // the writer adds .gz
}

var builderMu sync.Mutex

// WriteResponse archives one response. Errors are logged and counted, not
// returned to the crawl: a full disk must not stop extraction.
func (a *Archive) WriteResponse(url, source string, resp *http.Response, body []byte, fetched time.Time) error {
	var block bytes.Buffer
	fmt.Fprintf(&block, "HTTP/1.1 %s\r\n", resp.Status)
	h := resp.Header.Clone()
	// The body is stored as the client read it: decompressed.
	h.Del("Content-Encoding")
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", fmt.Sprint(len(body)))
	h.Write(&block) //nolint:errcheck // bytes.Buffer
	block.WriteString("\r\n")
	block.Write(body)

	// NewRecordBuilder switches uuid's random pool on through an unguarded
	// package variable on every call; builders are made one at a time.
	builderMu.Lock()
	b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingContentLength(true), gowarc.WithFixContentLength(true))
	id := uuid.NewString() // reads that variable
	builderMu.Unlock()
	if _, err := b.Write(block.Bytes()); err != nil {
		return a.fail(url, err)
	}
	b.AddWarcHeader(gowarc.WarcRecordID, "<urn:uuid:"+id+">")
	b.AddWarcHeader(gowarc.WarcDate, fetched.UTC().Format(time.RFC3339))
	b.AddWarcHeader(gowarc.WarcTargetURI, url)
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	if source != "" {
		b.AddWarcHeader(warcSourceField, source)
	}
	rec, _, err := b.Build()
	if err != nil {
		return a.fail(url, err)
	}
	for _, r := range a.w.Write(rec) {
		if r.Err != nil {
			return a.fail(url, r.Err)
		}
		if a.Located != nil {
			a.Located(Location{URL: url, File: r.FileName, Offset: r.FileOffset, FetchedAt: fetched})
		}
	}
	return nil
}

// Location is where a response is in the archive: its file (name within
// the archive directory, without the ".open" of a file being written) and
// the offset of its record.
type Location struct {
	URL       string    `json:"url"`
	File      string    `json:"file"`
	Offset    int64     `json:"offset"`
	FetchedAt time.Time `json:"fetched_at"`
}

// ReadAt reads the response record at a location in the archive dir.
func ReadAt(dir string, loc Location) (ArchivedResponse, error) {
	name := filepath.Join(dir, filepath.Base(loc.File))
	if _, err := os.Stat(name); err != nil {
		name += openSuffix // still being written
	}
	r, err := gowarc.NewWarcFileReader(name, loc.Offset, gowarc.WithSkipParseBlock())
	if err != nil {
		return ArchivedResponse{}, fmt.Errorf("archive %s: %w", filepath.Base(loc.File), err)
	}
	defer r.Close()
	rec, err := r.Next()
	if err != nil {
		return ArchivedResponse{}, fmt.Errorf("archive %s at %d: %w", filepath.Base(loc.File), loc.Offset, err)
	}
	defer rec.WarcRecord.Close()
	if rec.WarcRecord.Type() != gowarc.Response || rec.WarcRecord.WarcHeader().Get(gowarc.WarcTargetURI) != loc.URL {
		return ArchivedResponse{}, fmt.Errorf("archive %s at %d: not the response for %s", filepath.Base(loc.File), loc.Offset, loc.URL)
	}
	return parseHTTPBlock(rec.WarcRecord)
}

func (a *Archive) fail(url string, err error) error {
	a.failed.Add(1)
	a.log.Warn("archive write failed", "url", url, "err", err)
	return err
}

// Close flushes and closes the current files.
func (a *Archive) Close() error { return a.w.Close() }

// ArchivedResponse is one response read back from the archive.
type ArchivedResponse struct {
	URL       string
	Source    string
	Status    int
	Header    http.Header
	Body      []byte
	FetchedAt time.Time
}

// ReadArchive calls fn for every response record in the directory's WARC
// files, oldest file first. A damaged record ends its file with an error
// naming it; the other files are still read, and the errors are returned
// together at the end.
func ReadArchive(dir string, fn func(ArchivedResponse) error) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if err != nil {
		return err
	}
	plain, _ := filepath.Glob(filepath.Join(dir, "*.warc"))
	files = append(files, plain...)
	// Files still being written (by this process, or left by a killed
	// one): their complete records are readable too.
	open, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"+openSuffix))
	files = append(files, open...)
	sort.Strings(files)
	var errs []error
	for _, f := range files {
		if err := readWARCFile(f, fn); err != nil {
			var stop stopError
			if errors.As(err, &stop) {
				return stop.err
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// stopError carries an error of fn, which ends the whole read.
type stopError struct{ err error }

func (e stopError) Error() string { return e.err.Error() }

func readWARCFile(name string, fn func(ArchivedResponse) error) error {
	// Blocks are read unparsed: http.ReadResponse parses them below. (With
	// the ErrIgnore policies, gowarc v3.1.0 hands back empty blocks.)
	r, err := gowarc.NewWarcFileReader(name, 0, gowarc.WithSkipParseBlock())
	if err != nil {
		return fmt.Errorf("archive %s: %w", filepath.Base(name), err)
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("archive %s: %w", filepath.Base(name), err)
		}
		wr := rec.WarcRecord
		if wr.Type() != gowarc.Response {
			wr.Close()
			continue
		}
		resp, err := parseHTTPBlock(wr)
		wr.Close()
		if err != nil {
			return fmt.Errorf("archive %s: record %s: %w", filepath.Base(name), wr.WarcHeader().Get(gowarc.WarcRecordID), err)
		}
		if err := fn(resp); err != nil {
			return stopError{err}
		}
	}
}

func parseHTTPBlock(wr gowarc.WarcRecord) (ArchivedResponse, error) {
	out := ArchivedResponse{
		URL:    wr.WarcHeader().Get(gowarc.WarcTargetURI),
		Source: wr.WarcHeader().Get(warcSourceField),
	}
	if t, err := time.Parse(time.RFC3339, wr.WarcHeader().Get(gowarc.WarcDate)); err == nil {
		out.FetchedAt = t
	}
	raw, err := wr.Block().RawBytes()
	if err != nil {
		return out, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(raw), nil)
	if err != nil {
		return out, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil && !strings.Contains(err.Error(), "unexpected EOF") {
		return out, err
	}
	out.Status, out.Header, out.Body = resp.StatusCode, resp.Header, body
	return out, nil
}
