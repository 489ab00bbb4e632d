package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"
)

// ErrBodyTooLarge is returned while reading a body longer than max_body
// (after decompression, so a gzip bomb stops at the cap too).
var ErrBodyTooLarge = errors.New("response body exceeds max_body")

// Politeness tunes retries; the zero value means the defaults.
type Politeness struct {
	Retries       int           // attempts after the first on 429, 503, 5xx and timeouts (default 3)
	BackoffBase   time.Duration // first backoff; doubles each retry, plus jitter (default 1s)
	BackoffMax    time.Duration // longest single wait, Retry-After included (default 2m)
	MaxRetryAfter time.Duration // a longer Retry-After gives up on the URL for this run (default 10m)
}

func (p Politeness) withDefaults() Politeness {
	if p.Retries == 0 {
		p.Retries = 3
	}
	if p.BackoffBase == 0 {
		p.BackoffBase = time.Second
	}
	if p.BackoffMax == 0 {
		p.BackoffMax = 2 * time.Minute
	}
	if p.MaxRetryAfter == 0 {
		p.MaxRetryAfter = 10 * time.Minute
	}
	return p
}

// politeTransport sits under colly: per host it allows at most
// parallelism requests at once and spaces their starts by the configured
// delay (or robots.txt's Crawl-delay, if longer); it honours Retry-After on
// 429 and 503, backs off exponentially with jitter on other 5xx answers and
// timeouts, bounds each attempt by the timeout and each body by max_body,
// and hands every response to the archive.
type politeTransport struct {
	base        http.RoundTripper
	userAgent   string
	delay       time.Duration
	parallelism int
	timeout     time.Duration
	maxBody     int64
	pol         Politeness
	archive     *Archive
	source      string

	mu    sync.Mutex
	hosts map[string]*hostGate
}

type hostGate struct {
	sem        chan struct{}
	mu         sync.Mutex
	next       time.Time     // earliest start of the next request
	crawlDelay time.Duration // from robots.txt
}

func (t *politeTransport) gate(host string) *hostGate {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.hosts == nil {
		t.hosts = map[string]*hostGate{}
	}
	g, ok := t.hosts[host]
	if !ok {
		g = &hostGate{sem: make(chan struct{}, max(t.parallelism, 1))}
		t.hosts[host] = g
	}
	return g
}

// reserve waits for the host's next slot and books the one after it.
func (t *politeTransport) reserve(ctx context.Context, g *hostGate) error {
	g.mu.Lock()
	now := time.Now()
	start := g.next
	if start.Before(now) {
		start = now
	}
	g.next = start.Add(max(t.delay, g.crawlDelay))
	g.mu.Unlock()
	return sleep(ctx, time.Until(start))
}

// holdOff pushes the host's next slot to at least now+d (Retry-After).
func (g *hostGate) holdOff(d time.Duration) {
	g.mu.Lock()
	if until := time.Now().Add(d); until.After(g.next) {
		g.next = until
	}
	g.mu.Unlock()
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	g := t.gate(req.URL.Host)
	select {
	case g.sem <- struct{}{}:
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
	release := sync.OnceFunc(func() { <-g.sem })
	pol := t.pol.withDefaults()
	for attempt := 0; ; attempt++ {
		if err := t.reserve(req.Context(), g); err != nil {
			release()
			return nil, err
		}
		ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
		started := time.Now()
		resp, err := t.base.RoundTrip(req.Clone(ctx))
		last := attempt >= pol.Retries || req.Method != http.MethodGet
		if err != nil {
			cancel()
			if last || !retryable(err) || req.Context().Err() != nil {
				release()
				return nil, err
			}
			if err := sleep(req.Context(), backoff(pol, attempt)); err != nil {
				release()
				return nil, err
			}
			continue
		}
		if wait, again := t.retryWait(resp, pol, attempt); again && !last {
			drain(resp.Body)
			cancel()
			g.holdOff(wait)
			continue
		}
		gunzipHere(req, resp)
		resp.Body = &cappedBody{r: resp.Body, max: t.maxBody, done: func(body []byte, complete bool) {
			cancel()
			release()
			t.finished(req, resp, g, body, complete, started)
		}}
		return resp, nil
	}
}

// retryWait tells whether an answer is worth retrying and after how long:
// Retry-After on 429/503 (bounded), exponential backoff on other 5xx.
func (t *politeTransport) retryWait(resp *http.Response, pol Politeness, attempt int) (time.Duration, bool) {
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		if ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			if ra > pol.MaxRetryAfter {
				return 0, false // the server asks for longer than a run should wait
			}
			return max(ra, backoff(pol, attempt)/2), true
		}
		return backoff(pol, attempt), true
	case resp.StatusCode >= 500:
		return backoff(pol, attempt), true
	}
	return 0, false
}

// finished runs once a body is read or closed: robots.txt's Crawl-delay is
// applied to its host, and the response goes to the archive.
func (t *politeTransport) finished(req *http.Request, resp *http.Response, g *hostGate, body []byte, complete bool, fetched time.Time) {
	if req.URL.Path == "/robots.txt" && resp.StatusCode == http.StatusOK && complete {
		if rd, err := robotstxt.FromBytes(body); err == nil {
			if cd := rd.FindGroup(t.userAgent).CrawlDelay; cd > 0 {
				g.mu.Lock()
				g.crawlDelay = min(cd, 60*time.Second)
				g.mu.Unlock()
			}
		}
	}
	if t.archive != nil && complete {
		t.archive.WriteResponse(req.URL.String(), t.source, resp, body, fetched) //nolint:errcheck // logged by the archive
	}
}

func backoff(pol Politeness, attempt int) time.Duration {
	d := pol.BackoffBase << attempt
	d += time.Duration(rand.Int64N(int64(pol.BackoffBase) + 1)) // jitter
	return min(d, pol.BackoffMax)
}

// retryable errors are the passing ones: timeouts and dropped connections.
func retryable(err error) bool {
	if errors.Is(err, ErrPrivateNetwork) {
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, context.DeadlineExceeded)
}

// parseRetryAfter reads delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func drain(r io.ReadCloser) {
	io.Copy(io.Discard, io.LimitReader(r, 64<<10)) //nolint:errcheck // best effort, to reuse the connection
	r.Close()
}

// cappedBody stops reading at max bytes with ErrBodyTooLarge and keeps a
// copy for the archive; done runs once, on close.
type cappedBody struct {
	r        io.ReadCloser
	max      int64
	buf      bytes.Buffer
	n        int64
	eof      bool
	overflow bool
	once     sync.Once
	done     func(body []byte, complete bool)
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.overflow {
		return 0, ErrBodyTooLarge
	}
	if b.max > 0 && int64(len(p)) > b.max-b.n+1 {
		p = p[:b.max-b.n+1]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	if b.max > 0 && b.n > b.max {
		b.overflow = true
		return 0, fmt.Errorf("%w (%d bytes)", ErrBodyTooLarge, b.max)
	}
	b.buf.Write(p[:n])
	if err == io.EOF {
		b.eof = true
	}
	return n, err
}

func (b *cappedBody) Close() error {
	err := b.r.Close()
	b.once.Do(func() { b.done(b.buf.Bytes(), b.eof && !b.overflow) })
	return err
}

// gunzipHere decompresses gzip bodies that colly would otherwise gunzip
// itself after the body cap (sitemap.xml.gz, a gzip Content-Type, or a
// Content-Encoding the standard transport left alone), so the cap applies
// to the decompressed bytes and a gzip bomb stops there too.
func gunzipHere(req *http.Request, resp *http.Response) {
	if resp.Uncompressed {
		return
	}
	ce := strings.ToLower(resp.Header.Get("Content-Encoding"))
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	if !strings.Contains(ce, "gzip") && !(ce == "" && strings.Contains(ct, "gzip")) && !strings.HasSuffix(strings.ToLower(req.URL.Path), ".xml.gz") {
		return
	}
	resp.Body = &lazyGunzip{src: resp.Body}
	resp.Uncompressed = true
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
}

// lazyGunzip reads the gzip header on the first Read, so that a bad
// stream is an error of the body, not of the round trip.
type lazyGunzip struct {
	src io.ReadCloser
	zr  *gzip.Reader
	err error
}

func (g *lazyGunzip) Read(p []byte) (int, error) {
	if g.zr == nil && g.err == nil {
		g.zr, g.err = gzip.NewReader(g.src)
		if g.err != nil {
			g.err = fmt.Errorf("gzip body: %w", g.err)
		}
	}
	if g.err != nil {
		return 0, g.err
	}
	return g.zr.Read(p)
}

func (g *lazyGunzip) Close() error { return g.src.Close() }
