package main

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/wallbreak/wallbreak/crawler"
	"github.com/wallbreak/wallbreak/timeline"
)

//go:embed default.yaml
var defaultConfigYAML []byte

// Config is wallbreak's configuration file. Its keys are a contract that
// outside tools rely on: keep them, add freely.
type Config struct {
	DataDir              string            `yaml:"data_dir"`
	UserAgent            string            `yaml:"user_agent"`
	AllowPrivateNetworks bool              `yaml:"allow_private_networks"`
	Addr                 string            `yaml:"addr"`    // serve: listen address
	Profile              string            `yaml:"profile"` // path of a topic profile YAML; empty: the embedded one
	Defaults             crawler.Defaults  `yaml:"defaults"`
	Sources              []crawler.Source  `yaml:"sources"`
	API                  APIConfig         `yaml:"api"`
	profile              *timeline.Profile `yaml:"-"`
}

// APIConfig is the HTTP API's configuration.
type APIConfig struct {
	// Token is the bearer token writes need (POST /api/v1/crawls); the
	// environment variable WALLBREAK_API_TOKEN overrides it. Empty: no
	// writes.
	Token string `yaml:"token"`
	// CORSOrigins may call the API from a browser ("*": any).
	CORSOrigins []string `yaml:"cors_origins"`
	// RateLimit is requests per second per client (bursts of twice that);
	// 0 means 20.
	RateLimit float64 `yaml:"rate_limit"`
}

// loadConfig reads the file at path, or the embedded default when path is
// empty. Unknown keys and bad values are errors naming the key and line.
func loadConfig(path string) (*Config, error) {
	data, name := defaultConfigYAML, "default configuration"
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read config: %w", err)
		}
		data, name = b, path
	}
	return parseConfig(data, name, filepath.Dir(path))
}

func parseConfig(data []byte, name, dir string) (*Config, error) {
	cfg := &Config{Defaults: crawler.DefaultSettings, DataDir: "./data", Addr: "127.0.0.1:8080"}
	if err := yaml.UnmarshalWithOptions(data, cfg, yaml.Strict()); err != nil {
		if where := locateBadValue(data); where != "" {
			return nil, fmt.Errorf("%s: %s: %v", name, where, err)
		}
		return nil, fmt.Errorf("%s: %s", name, yaml.FormatError(err, false, true))
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if tok := os.Getenv("WALLBREAK_API_TOKEN"); tok != "" {
		cfg.API.Token = tok
	}
	cfg.profile = timeline.DefaultProfile()
	if cfg.Profile != "" {
		p := cfg.Profile
		if !filepath.IsAbs(p) && dir != "" {
			p = filepath.Join(dir, p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("%s: profile: %w", name, err)
		}
		if cfg.profile, err = timeline.ParseProfile(b); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return cfg, nil
}

func (c *Config) validate() error {
	seen := map[string]bool{}
	var errs []error
	for i, s := range c.Sources {
		if err := s.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("sources[%d]: %w", i, err))
			continue
		}
		if seen[s.Name] {
			errs = append(errs, fmt.Errorf("sources[%d]: name %q is used twice", i, s.Name))
		}
		seen[s.Name] = true
		if _, err := jobDefinition(s.WithDefaults(c.Defaults).Schedule); err != nil {
			errs = append(errs, fmt.Errorf("sources[%d] (%s): schedule: %w", i, s.Name, err))
		}
	}
	if c.API.RateLimit < 0 {
		errs = append(errs, fmt.Errorf("api.rate_limit must not be negative"))
	}
	if c.Defaults.Parallelism < 0 {
		errs = append(errs, fmt.Errorf("defaults.parallelism must be positive"))
	}
	return errors.Join(errs...)
}

// sources returns the configured sources with defaults applied.
func (c *Config) sources() []crawler.Source {
	out := make([]crawler.Source, len(c.Sources))
	for i, s := range c.Sources {
		out[i] = s.WithDefaults(c.Defaults)
	}
	return out
}

// valueCheckers validate the values YAML decoding hands to TextUnmarshalers,
// whose errors come back without a position.
var valueCheckers = map[string]func([]byte) error{
	"delay":    func(b []byte) error { var d crawler.Duration; return d.UnmarshalText(b) },
	"timeout":  func(b []byte) error { var d crawler.Duration; return d.UnmarshalText(b) },
	"max_body": func(b []byte) error { var s crawler.ByteSize; return s.UnmarshalText(b) },
}

// locateBadValue finds the first key whose value fails its checker and
// says where it is ("line 4: delay"), or "" if none does.
func locateBadValue(data []byte) string {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return ""
	}
	v := &badValueFinder{}
	for _, doc := range f.Docs {
		ast.Walk(v, doc)
	}
	return v.found
}

type badValueFinder struct{ found string }

func (v *badValueFinder) Visit(n ast.Node) ast.Visitor {
	if v.found != "" {
		return nil
	}
	mv, ok := n.(*ast.MappingValueNode)
	if !ok {
		return v
	}
	key := mv.Key.String()
	if check, ok := valueCheckers[key]; ok {
		if err := check([]byte(strings.Trim(mv.Value.String(), `"'`))); err != nil {
			v.found = fmt.Sprintf("line %d: %s", mv.Key.GetToken().Position.Line, key)
			return nil
		}
	}
	return v
}
