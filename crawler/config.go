package crawler

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Source types.
const (
	TypeFeed    = "feed"    // RSS, Atom or JSON Feed: its items are articles
	TypeSitemap = "sitemap" // sitemap, sitemap index or news sitemap
	TypeHTML    = "html"    // a start page whose links (Follow) are articles
	TypeForum   = "forum"   // a forum board or thread: one document per post
	TypePage    = "page"    // a single page
)

// Duration is a time.Duration written as "2s" or "30m" in YAML.
type Duration time.Duration

// UnmarshalText reads a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil || v < 0 {
		return fmt.Errorf("bad duration %q (want e.g. 2s, 500ms, 1m)", b)
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes the duration as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// ByteSize is a size written as "8MiB", "512KiB", "10MB" or a byte count.
type ByteSize int64

var byteUnits = map[string]int64{"": 1, "b": 1, "k": 1 << 10, "kb": 1000, "kib": 1 << 10, "m": 1 << 20, "mb": 1000 * 1000, "mib": 1 << 20, "g": 1 << 30, "gb": 1000 * 1000 * 1000, "gib": 1 << 30}

var byteSizeRe = regexp.MustCompile(`^\s*(\d+)\s*([a-zA-Z]*)\s*$`)

// UnmarshalText reads a size with an optional unit.
func (s *ByteSize) UnmarshalText(b []byte) error {
	m := byteSizeRe.FindStringSubmatch(string(b))
	if m == nil {
		return fmt.Errorf("bad size %q (want e.g. 8MiB, 512KiB)", b)
	}
	unit, ok := byteUnits[strings.ToLower(m[2])]
	n, err := strconv.ParseInt(m[1], 10, 64)
	if !ok || err != nil {
		return fmt.Errorf("bad size %q (want e.g. 8MiB, 512KiB)", b)
	}
	*s = ByteSize(n * unit)
	return nil
}

// MarshalText writes the size in bytes.
func (s ByteSize) MarshalText() ([]byte, error) { return []byte(strconv.FormatInt(int64(s), 10)), nil }

// Defaults are the fetch settings every source inherits.
type Defaults struct {
	Delay       Duration `yaml:"delay" json:"delay"`
	Parallelism int      `yaml:"parallelism" json:"parallelism"`
	Timeout     Duration `yaml:"timeout" json:"timeout"`
	MaxBody     ByteSize `yaml:"max_body" json:"max_body"`
	Schedule    string   `yaml:"schedule" json:"schedule"`
}

// DefaultSettings are used where the configuration sets nothing.
var DefaultSettings = Defaults{
	Delay:       Duration(2 * time.Second),
	Parallelism: 2,
	Timeout:     Duration(30 * time.Second),
	MaxBody:     8 << 20,
	Schedule:    "@every 30m",
}

// Source is one configured place to crawl.
type Source struct {
	Name      string   `yaml:"name" json:"name"`
	Type      string   `yaml:"type" json:"type"`
	URL       string   `yaml:"url" json:"url"`
	Schedule  string   `yaml:"schedule,omitempty" json:"schedule,omitempty"`
	Follow    string   `yaml:"follow,omitempty" json:"follow,omitempty"`
	Allow     []string `yaml:"allow,omitempty" json:"allow,omitempty"`
	Deny      []string `yaml:"deny,omitempty" json:"deny,omitempty"`
	MaxPages  int      `yaml:"max_pages,omitempty" json:"max_pages,omitempty"`
	MaxDepth  int      `yaml:"max_depth,omitempty" json:"max_depth,omitempty"`
	Lang      string   `yaml:"lang,omitempty" json:"lang,omitempty"`           // en | zh; empty: detect
	Timezone  string   `yaml:"timezone,omitempty" json:"timezone,omitempty"`   // IANA zone of the site's dates
	Publisher string   `yaml:"publisher,omitempty" json:"publisher,omitempty"` // overrides the page's site name

	// Per-source overrides of Defaults (zero: inherit).
	Delay       Duration `yaml:"delay,omitempty" json:"delay,omitempty"`
	Parallelism int      `yaml:"parallelism,omitempty" json:"parallelism,omitempty"`
	Timeout     Duration `yaml:"timeout,omitempty" json:"timeout,omitempty"`
	MaxBody     ByteSize `yaml:"max_body,omitempty" json:"max_body,omitempty"`
}

// WithDefaults fills the settings the source leaves unset (zero) from d.
// Configuration loading starts d from DefaultSettings, so a file that sets
// "delay: 0s" under defaults turns the delay off while one that says
// nothing keeps 2s.
func (s Source) WithDefaults(d Defaults) Source {
	if s.Delay == 0 {
		s.Delay = d.Delay
	}
	s.Timeout = Duration(firstPositive(int(s.Timeout), int(d.Timeout), int(DefaultSettings.Timeout)))
	s.Parallelism = firstPositive(s.Parallelism, d.Parallelism, 1)
	s.MaxBody = ByteSize(firstPositive(int(s.MaxBody), int(d.MaxBody), int(DefaultSettings.MaxBody)))
	if s.Schedule == "" {
		s.Schedule = d.Schedule
	}
	if s.Schedule == "" {
		s.Schedule = DefaultSettings.Schedule
	}
	if s.MaxDepth == 0 {
		s.MaxDepth = 2
	}
	return s
}

func firstPositive(vs ...int) int {
	for _, v := range vs {
		if v > 0 {
			return v
		}
	}
	return 0
}

// Validate checks a source's own fields.
func (s Source) Validate() error {
	if s.Name == "" {
		return fmt.Errorf("source has no name")
	}
	switch s.Type {
	case TypeFeed, TypeSitemap, TypeHTML, TypeForum, TypePage:
	default:
		return fmt.Errorf("source %q: type %q is not one of feed, sitemap, html, forum, page", s.Name, s.Type)
	}
	if _, err := Canonicalize(s.URL); err != nil {
		return fmt.Errorf("source %q: %w", s.Name, err)
	}
	for _, p := range append(append([]string{}, s.Allow...), s.Deny...) {
		if _, err := regexp.Compile(p); err != nil {
			return fmt.Errorf("source %q: bad pattern %q: %w", s.Name, p, err)
		}
	}
	if s.Lang != "" && s.Lang != "en" && s.Lang != "zh" {
		return fmt.Errorf("source %q: lang %q is not en or zh", s.Name, s.Lang)
	}
	if s.Timezone != "" {
		if _, err := time.LoadLocation(s.Timezone); err != nil {
			return fmt.Errorf("source %q: timezone %q: %w", s.Name, s.Timezone, err)
		}
	}
	return nil
}
